#!/usr/bin/env python3
"""Records what CPython does with the underscore rules' fixtures.

Run from anywhere with python3 (3.11 was used): python3 testdata/rules/underscore/gen.py

It writes two golden files next to itself, which the Go tests check:

mangle.golden.json
    For every snippet in mangle/*.py: compile() it and collect, from every code
    object it holds (recursively), the names the compiler chose (co_names,
    co_varnames, co_cellvars, co_freevars), and the strings of the string tuples
    among co_consts: keyword-argument names of call sites, the fromlist of
    `from m import x`, the keys of keyword-only defaults. Only names starting with
    an underscore that are not dunders are kept. The Go test computes the same sets
    from pyward's mangling (semantic.MangledAt) and compares.

builtins.golden
    The names of the builtins module, one a line: the Go table of builtin names
    (star-import-private must not report a name that reads as a builtin) is checked
    against it.

runtime.golden
    For every fixture of the seven underscore rules (testdata/rules/<rule>/*.py, and
    folders holding a main.py), run it with python3 and record whether it works or
    which exception it raises, in which fixture file and line. The Go test checks
    that every `# expect:` of an error rule is the line where CPython raises the
    matching exception (AttributeError or NameError), and that fixtures with no
    error expected run fine. The cases after their quick fix (fixed/) must run
    fine too.
"""

import builtins
import json
import os
import subprocess
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
RULES_DIR = os.path.dirname(HERE)

RULES = [
    "private-member-access",
    "private-module-import",
    "mangled-attribute-access",
    "mangled-attribute-write",
    "mangled-name-mismatch",
    "mangled-global-reference",
    "star-import-private",
]


def interesting(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__") and len(name) > 4)


def code_names(code, names, tuple_consts):
    for attr in ("co_names", "co_varnames", "co_cellvars", "co_freevars"):
        for n in getattr(code, attr):
            if interesting(n):
                names.add(n)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            code_names(c, names, tuple_consts)
        elif isinstance(c, tuple) and c and all(isinstance(x, str) for x in c):
            for n in c:
                if interesting(n):
                    tuple_consts.add(n)


def mangle_golden():
    out = {}
    d = os.path.join(HERE, "mangle")
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".py"):
            continue
        with open(os.path.join(d, fn), encoding="utf-8") as f:
            src = f.read()
        code = compile(src, fn, "exec")
        names, tuple_consts = set(), set()
        code_names(code, names, tuple_consts)
        out[fn] = {"names": sorted(names), "tuple_consts": sorted(tuple_consts)}
    with open(os.path.join(HERE, "mangle.golden.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


# RUNNER runs one fixture and prints where it failed, relative to the fixture root.
RUNNER = r"""
import json, os, runpy, sys, traceback
root, script = sys.argv[1], sys.argv[2]
sys.path.insert(0, root)
os.chdir(root)
try:
    runpy.run_path(script, run_name="__main__")
except BaseException as e:
    frames = traceback.extract_tb(e.__traceback__)
    where = None
    for fr in frames:
        p = os.path.abspath(fr.filename)
        if p.startswith(root + os.sep):
            where = (os.path.relpath(p, root).replace(os.sep, "/"), fr.lineno)
    print(json.dumps({"exc": type(e).__name__, "msg": str(e), "where": where}))
else:
    print(json.dumps({"exc": None}))
"""


def run_case(root, script):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONWARNINGS="ignore")
    p = subprocess.run(
        [sys.executable, "-c", RUNNER, root, script],
        capture_output=True, text=True, env=env, timeout=60,
    )
    if p.returncode != 0:
        raise SystemExit("runner failed for %s: %s" % (script, p.stderr))
    r = json.loads(p.stdout.strip().splitlines()[-1])
    if r["exc"] is None:
        return "works"
    where = r["where"]
    loc = "%s:%d" % tuple(where) if where else "?"
    return "%s\t%s\t%s" % (r["exc"], loc, r["msg"])


def runtime_golden():
    lines = []
    for rule in RULES:
        d = os.path.join(RULES_DIR, rule)
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            p = os.path.join(d, fn)
            if fn.endswith(".py") and os.path.isfile(p):
                res = run_case(d, p)
                lines.append("%s/%s\t%s" % (rule, fn, res))
            elif os.path.isdir(p) and os.path.isfile(os.path.join(p, "main.py")):
                res = run_case(p, os.path.join(p, "main.py"))
                lines.append("%s/%s/\t%s" % (rule, fn, res))
    # fixed/<rule>__<case>.py: each case after its preferred quick fix (the Go test
    # applies the fix and compares); they must run fine.
    fixed = os.path.join(HERE, "fixed")
    for fn in sorted(os.listdir(fixed)):
        if fn.endswith(".py"):
            lines.append("fixed/%s\t%s" % (fn, run_case(fixed, os.path.join(fixed, fn))))
    with open(os.path.join(HERE, "runtime.golden"), "w", encoding="utf-8") as f:
        f.write("# case\toutcome\twhere\tmessage (generated by gen.py with %s)\n" % sys.version.split()[0])
        for l in lines:
            f.write(l + "\n")


def builtins_golden():
    with open(os.path.join(HERE, "builtins.golden"), "w", encoding="utf-8") as f:
        f.write("# dir(builtins) of Python %s (generated by gen.py)\n" % sys.version.split()[0])
        for n in sorted(dir(builtins)):
            f.write(n + "\n")


if __name__ == "__main__":
    mangle_golden()
    runtime_golden()
    builtins_golden()
