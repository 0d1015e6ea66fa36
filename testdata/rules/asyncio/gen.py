#!/usr/bin/env python3
"""Runs the asyncio rules' fixtures with CPython and records what happens.

For each fixture file under testdata/rules/<rule>/ (rule in RULES), the text before the
first "# --- case" line is the prelude; every case is the prelude plus that case's lines,
with all other lines blanked so that line numbers stay the file's. Each case is compiled
(with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT when the file has "# %%" cell markers, as IPython
compiles notebook cells) and, for the rules about run time, executed. Recorded, per line
of the fixture file:

  SyntaxError: <msg>                             what compile() raised
  RuntimeWarning: coroutine '<f>' was never awaited
                                                 at the line that created the coroutine
                                                 (sys.set_coroutine_origin_tracking_depth)
  <ExceptionType>: <msg>                         an uncaught exception, at its innermost
                                                 line in the fixture
  Task was destroyed but it is pending!          asyncio's debug-mode report, at the line
                                                 that created the task

plus a few facts checked directly. Output: asyncio/golden.txt, with a sha256 of every
fixture, so that the Go tests notice a fixture changed without regenerating.

Run from the repository root or anywhere: python3 testdata/rules/asyncio/gen.py
"""
import ast
import asyncio
import gc
import hashlib
import io
import logging
import os
import re
import sys
import traceback
import warnings
import weakref

HERE = os.path.dirname(os.path.abspath(__file__))
RULES_DIR = os.path.dirname(HERE)
RULES = [
    "await-outside-async",
    "coroutine-function-not-called",
    "coroutine-in-condition",
    "dangling-task",
    "missing-await",
]
# the rules whose fixtures are only compiled, never run
COMPILE_ONLY = {"await-outside-async"}
CASE_RE = re.compile(r"^# --- case")
ADDR_RE = re.compile(r"0x[0-9a-f]+")


def cases(lines):
    """Yields the source of each case: the prelude plus one case, other lines blank."""
    starts = [i for i, l in enumerate(lines) if CASE_RE.match(l)]
    if not starts:
        yield "\n".join(lines)
        return
    prelude_end = starts[0]
    bounds = starts + [len(lines)]
    for a, b in zip(bounds, bounds[1:]):
        out = [l if i < prelude_end or a <= i < b else "" for i, l in enumerate(lines)]
        yield "\n".join(out)


class Collector(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record.getMessage())


def run_case(src, fname, flags, execute, outcomes, within=None):
    """Compiles (and runs) src as the file fname, adding (file, line, outcome) triples to
    outcomes. An outcome is placed at the innermost frame in a file for which within
    returns true (by default: fname itself); file is None when no frame is."""
    if within is None:
        within = lambda f: f == fname  # noqa: E731
    try:
        code = compile(src, fname, "exec", flags=flags)
    except SyntaxError as e:
        outcomes.add((fname, e.lineno, f"SyntaxError: {e.msg}"))
        return
    if not execute:
        return
    handler = Collector()
    log = logging.getLogger("asyncio")
    log.addHandler(handler)
    log.propagate = False
    old_depth = sys.get_coroutine_origin_tracking_depth()
    sys.set_coroutine_origin_tracking_depth(1)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                ns = {"__name__": "__main__", "__file__": fname}
                exec(code, ns)
                del ns
            except BaseException as e:  # noqa: BLE001 - recording any failure is the point
                while isinstance(e, BaseExceptionGroup) and e.exceptions:
                    e = e.exceptions[0]  # a TaskGroup wraps what its tasks raised
                where, line = None, None
                for fr in traceback.extract_tb(e.__traceback__):
                    if within(fr.filename):
                        where, line = fr.filename, fr.lineno
                msg = ADDR_RE.sub("0x…", str(e))
                outcomes.add((where, line, f"{type(e).__name__}: {msg}"))
                del e
            gc.collect()
            gc.collect()
        for w in caught:
            text = str(w.message)
            m = re.match(r"coroutine '([^']+)' was never awaited", text)
            if m and issubclass(w.category, RuntimeWarning):
                created = re.findall(r'File "([^"]+)", line (\d+)', text)
                where, line = next(((f, int(n)) for f, n in created if within(f)), (None, None))
                outcomes.add((where, line, f"RuntimeWarning: coroutine '{m.group(1)}' was never awaited"))
    finally:
        sys.set_coroutine_origin_tracking_depth(old_depth)
        log.removeHandler(handler)
        log.propagate = True
    for rec in handler.records:
        if rec.startswith("Task was destroyed but it is pending!"):
            # debug mode logs where the task was created; the last fixture frame is the call
            created = [(f, int(n)) for f, n in re.findall(r'File "([^"]+)", line (\d+)', rec.split("Object created at", 1)[-1]) if within(f)]
            where, line = created[-1] if created else (None, None)
            outcomes.add((where, line, "Task was destroyed but it is pending!"))


def run_workspace(rule, name, root):
    """Runs, as __main__, every module of a workspace fixture that has expectations.
    An outcome is recorded in the workspace file where it happened (a coroutine created
    in service.py while main.py runs is service.py's), else at line None of the module run."""
    out = []
    runs = []
    for dirpath, _, files in sorted(os.walk(root)):
        for fn in sorted(files):
            if not fn.endswith(".py"):
                continue
            path = os.path.join(dirpath, fn)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            rel = f"{rule}/{name}/{os.path.relpath(path, root)}"
            out.append(f"file {rel} sha256 {hashlib.sha256(text.encode()).hexdigest()}")
            if "# expect:" in text:
                runs.append(path)
    inside = lambda f: f.startswith(root + os.sep)  # noqa: E731
    outcomes = set()
    for path in runs:
        modname = os.path.relpath(path, root)[:-3].replace(os.sep, ".")
        src = f"import runpy\nrunpy.run_module({modname!r}, run_name='__main__')\n"
        found = set()
        sys.path.insert(0, root)
        try:
            run_case(src, path, 0, True, found, within=inside)
        finally:
            sys.path.remove(root)
            for m in [m for m in sys.modules if m == "pkg" or m.startswith("pkg.")]:
                del sys.modules[m]
        outcomes |= {(where or path, line, what) for where, line, what in found}
    for where, line, what in sorted(outcomes, key=lambda o: (o[0], o[1] or 0, o[2])):
        out.append(f"{rule}/{name}/{os.path.relpath(where, root)}:{line}: {what}")
    return out


def facts():
    out = []

    async def f():
        return 1

    coro = f()
    out.append(f"fact: bool(coroutine) is {bool(coro)}")
    coro.close()

    async def g():
        yield 1

    import inspect
    out.append(f"fact: async generator function is a coroutine function: {inspect.iscoroutinefunction(g)}")
    out.append(f"fact: asyncio keeps tasks in a WeakSet: {isinstance(asyncio.tasks._all_tasks, weakref.WeakSet)}")
    return out


def main():
    lines_out = [f"# generated by testdata/rules/asyncio/gen.py with Python {sys.version.split()[0]}; do not edit"]
    lines_out += facts()
    for rule in RULES:
        d = os.path.join(RULES_DIR, rule)
        for name in sorted(os.listdir(d)):
            if os.path.isdir(os.path.join(d, name)):
                lines_out += run_workspace(rule, name, os.path.join(d, name))
                continue
            if not name.endswith(".py"):
                continue
            path = os.path.join(d, name)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            rel = f"{rule}/{name}"
            lines_out.append(f"file {rel} sha256 {hashlib.sha256(text.encode()).hexdigest()}")
            flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if re.search(r"(?m)^# %%", text) else 0
            outcomes = set()
            for src in cases(text.split("\n")):
                run_case(src, path, flags, rule not in COMPILE_ONLY, outcomes)
            for _, line, what in sorted(outcomes, key=lambda o: (o[1] or 0, o[2])):
                lines_out.append(f"{rel}:{line}: {what}")
    with open(os.path.join(HERE, "golden.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines_out) + "\n")


if __name__ == "__main__":
    main()
