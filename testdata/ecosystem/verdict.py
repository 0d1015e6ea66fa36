"""CPython's verdict on pyward's error findings: does Python really fail there?

Run by cmd/pyward-ecosystem with the interpreter that owns the checked files (Debian's
/usr/bin/python3 for /usr/lib/python3/dist-packages and /usr/lib/python3.11):

    /usr/bin/python3 verdict.py < findings.json > verdicts.json

Input: a JSON list of {"id", "top", "file", "line", "column", "rule", "message"}; "top" is
the folder the project is checked from (sys.path[0], as for `python -m` run there), "file"
the absolute path of the file. Output: a JSON list of {"id", "verdict", "reason"}, where
verdict is "true", "false", "unclear", or null when CPython cannot decide the rule (the
snapshot then keeps a verdict written by hand).

How CPython decides:
  syntax-error, await-outside-async
      compile() of the whole file (it runs no code). True when CPython rejects the file at
      the finding's line; false when it compiles the file, or rejects it elsewhere.
  unresolved-import, missing-import-name, import-beyond-top-level
      A stub (.pyi) never runs: false. Otherwise first whether the line runs at all: an
      enclosing `if` whose test (sys.version_info, sys.platform, os.name, TYPE_CHECKING)
      is false on this interpreter, a statement after return/raise, a try body whose
      handler catches ImportError, the except-ImportError side of a fallback whose try
      body imports fine. Then the import statement itself (only the name in question)
      runs in a fresh subprocess with the file's __name__ and __package__, from "top":
      true when CPython raises the ImportError the finding names, false when the import
      succeeds, unclear when it fails for another reason.
"""

import ast
import builtins
import concurrent.futures
import json
import os
import re
import subprocess
import sys

IMPORT_RULES = {"unresolved-import", "missing-import-name", "import-beyond-top-level"}
COMPILE_RULES = {"syntax-error", "await-outside-async"}
IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}

# The subprocess that runs one import statement as line `line` of module `name`.
RUNNER = r"""
import builtins, json, sys
req = json.loads(sys.stdin.read())
g = {"__name__": req["name"], "__package__": req["package"], "__file__": req["file"],
     "__builtins__": builtins}
try:
    exec(compile(req["source"], req["file"], "exec", dont_inherit=True), g)
except BaseException as e:
    out = {"ok": False, "type": type(e).__name__, "msg": str(e),
           "name": getattr(e, "name", None),
           "import_error": isinstance(e, ImportError)}
else:
    out = {"ok": True}
sys.stdout.write(json.dumps(out))
"""


def read(path):
    with open(path, "rb") as f:
        return f.read()


def compile_verdict(f):
    try:
        compile(read(f["file"]), f["file"], "exec", dont_inherit=True)
    except SyntaxError as e:
        where = "line %s" % e.lineno
        if e.lineno == f["line"]:
            return "true", "CPython: SyntaxError: %s (%s)" % (e.msg, where)
        return "false", "CPython's SyntaxError is at %s, not here: %s" % (where, e.msg)
    except ValueError as e:  # null bytes
        return "unclear", "CPython: ValueError: %s" % e
    return "false", "CPython compiles the file"


def module_name(top, path):
    """The dotted name CPython gives path when sys.path[0] is top (else the first entry
    of sys.path that contains it)."""
    roots = [top] + [p for p in sys.path[1:] if p]
    best = None
    for r in roots:
        r = os.path.realpath(r)
        rel = os.path.relpath(os.path.realpath(path), r)
        if rel.startswith(".."):
            continue
        if best is None or len(rel) < len(best):
            best = rel
    if best is None:
        return None
    parts = best[: -len(".py")].split(os.sep)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), ".".join(parts[:-1])
    return ".".join(parts), ".".join(parts[:-1])


class Parents(ast.NodeVisitor):
    """Maps every node to (parent, field, index in that field's list)."""

    def __init__(self, tree):
        self.up = {}
        for parent in ast.walk(tree):
            for field, value in ast.iter_fields(parent):
                if isinstance(value, list):
                    for i, child in enumerate(value):
                        if isinstance(child, ast.AST):
                            self.up[child] = (parent, field, i)
                elif isinstance(value, ast.AST):
                    self.up[value] = (parent, field, None)


def find_import(tree, line):
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno <= line <= node.end_lineno:
            if best is None or node.lineno > best.lineno:
                best = node
    return best


GUARD_NAMES = {"sys", "os", "TYPE_CHECKING", "typing", "platform"}


def eval_guard(test):
    """The value of an if-test on this interpreter, or None when it depends on anything
    but sys, os, platform and TYPE_CHECKING (which is False when the code runs)."""
    for n in ast.walk(test):
        if isinstance(n, ast.Name) and n.id not in GUARD_NAMES:
            return None
        if isinstance(n, ast.Call):
            return None
    import platform
    import typing

    env = {"sys": sys, "os": os, "TYPE_CHECKING": False, "typing": typing, "platform": platform}
    try:
        return bool(eval(compile(ast.Expression(test), "<guard>", "eval"), {"__builtins__": {}}, env))
    except Exception:
        return None


def catches_import_error(handler):
    if handler.type is None:
        return True
    for n in ast.walk(handler.type):
        if isinstance(n, ast.Name) and n.id in IMPORT_ERRORS:
            return True
        if isinstance(n, ast.Attribute) and n.attr in IMPORT_ERRORS:
            return True
    return False


def terminates(stmt):
    return isinstance(stmt, (ast.Return, ast.Raise, ast.Continue, ast.Break))


def why_not_run(f, tree, node, name, package):
    """A reason why the import statement node never raises on this interpreter, or None."""
    parents = Parents(tree).up
    child = node
    while child in parents:
        parent, field, index = parents[child]
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)) or \
                isinstance(parent, (ast.If, ast.Try, ast.With, ast.For, ast.While, ast.ExceptHandler)):
            body = getattr(parent, field)
            if isinstance(body, list) and index is not None:
                for before in body[:index]:
                    if terminates(before):
                        return "unreachable: after the %s on line %d" % (type(before).__name__.lower(), before.lineno)
        if isinstance(parent, ast.If) and field in ("body", "orelse"):
            value = eval_guard(parent.test)
            if value is not None and value != (field == "body"):
                return "does not run here: `if %s` is %s on Python %d.%d/%s" % (
                    ast.unparse(parent.test), value, sys.version_info[0], sys.version_info[1], sys.platform)
        if isinstance(parent, ast.Try) and field == "body":
            for h in parent.handlers:
                if catches_import_error(h):
                    return "caught: the try statement on line %d handles ImportError" % parent.lineno
        if isinstance(parent, ast.ExceptHandler) and catches_import_error(parent):
            tryst = parents[parent][0]
            imports = [s for s in tryst.body if isinstance(s, (ast.Import, ast.ImportFrom))]
            if imports and len(imports) == len(tryst.body):
                outcomes = [run_statement(f, s, name, package) for s in imports]
                if all(o.get("ok") for o in outcomes):
                    return "does not run here: the fallback runs only when line %d fails, and it imports fine" % tryst.lineno
        child = parent
    return None


def quoted(message):
    m = re.search(r"'([^']*)'", message)
    return m.group(1) if m else None


def narrow(node, f):
    """The part of the import statement the finding is about: one alias."""
    rule, q = f["rule"], quoted(f["message"])
    if rule == "missing-import-name" and isinstance(node, ast.ImportFrom):
        aliases = [a for a in node.names if a.name == q]
        if aliases:
            return ast.ImportFrom(module=node.module, names=aliases[:1], level=node.level)
    if isinstance(node, ast.Import):
        aliases = [a for a in node.names if q and (a.name == q or q.startswith(a.name + ".") or a.name.startswith(q + "."))]
        if aliases:
            return ast.Import(names=aliases[:1])
    if isinstance(node, ast.ImportFrom) and q:
        aliases = [a for a in node.names if q.endswith("." + a.name)]
        if aliases:
            return ast.ImportFrom(module=node.module, names=aliases[:1], level=node.level)
    return node


def run_statement(f, node, name, package):
    source = ast.unparse(ast.fix_missing_locations(ast.Module(body=[node], type_ignores=[])))
    req = {"name": name, "package": package, "file": f["file"], "source": source}
    try:
        p = subprocess.run([sys.executable, "-c", RUNNER], input=json.dumps(req), capture_output=True,
                           text=True, cwd=f["top"], timeout=60)
        out = json.loads(p.stdout) if p.stdout.strip() else {"ok": False, "type": "exit", "msg": p.stderr[-200:]}
    except Exception as e:  # a hang or a crash of the import is not a verdict
        out = {"ok": False, "type": type(e).__name__, "msg": str(e)}
    out["source"] = source
    return out


def import_verdict(f):
    if f["file"].endswith(".pyi"):
        return "false", "a stub (.pyi) never runs"
    try:
        tree = ast.parse(read(f["file"]), f["file"])
    except (SyntaxError, ValueError) as e:
        return "unclear", "CPython cannot parse the file: %s" % e
    node = find_import(tree, f["line"])
    if node is None:
        return "unclear", "no import statement at this line"
    names = module_name(f["top"], f["file"])
    if names is None:
        return "unclear", "the file is not below any sys.path entry"
    name, package = names
    why = why_not_run(f, tree, node, name, package)
    if why:
        return "false", why
    out = run_statement(f, narrow(node, f), name, package)
    stmt = out["source"].replace("\n", "; ")
    if out.get("ok"):
        return "false", "CPython runs `%s` without error" % stmt
    msg = out.get("msg", "")
    said = "CPython: %s: %s" % (out.get("type"), msg.splitlines()[0] if msg else "")
    if out.get("import_error") and same_failure(f, out):
        return "true", said
    return "unclear", "fails otherwise: " + said


def same_failure(f, out):
    q = quoted(f["message"])
    msg = out.get("msg", "")
    if f["rule"] == "unresolved-import":
        return out.get("name") == q or msg.startswith("No module named '%s'" % q)
    if f["rule"] == "missing-import-name":
        return msg.startswith("cannot import name '%s'" % q)
    if f["rule"] == "import-beyond-top-level":
        return "beyond top-level package" in msg or "no known parent package" in msg
    return False


def verdict(f):
    try:
        if f["rule"] in COMPILE_RULES:
            v, r = compile_verdict(f)
        elif f["rule"] in IMPORT_RULES:
            v, r = import_verdict(f)
        else:
            return {"id": f["id"], "verdict": None, "reason": ""}
    except Exception as e:  # a verdict is never a crash of this script
        v, r = "unclear", "verdict.py failed: %s: %s" % (type(e).__name__, e)
    return {"id": f["id"], "verdict": v, "reason": r[:300]}


def main():
    findings = json.load(sys.stdin)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        out = list(pool.map(verdict, findings))
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
