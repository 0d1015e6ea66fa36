#!/usr/bin/env python3
"""Run every module of the import-rule fixture workspaces with CPython and write
what happens into golden.json beside each workspace:

  testdata/rules/unresolved-import/ws
  testdata/rules/import-beyond-top-level/ws
  testdata/rules/missing-import-name/ws

Each .py file is imported as its module (sys.path[0] = the workspace folder) in
a fresh interpreter, and its main() is called when it has one (imports inside
functions fail only when they run); golden.json maps the file (relative, "/"-separated) to
{"error": exception type or "", "message": str(exception)}, with the
workspace's absolute path written as $WS. pyward's Go tests check that the file
gets exactly CPython's message from the matching rule, and that files CPython
imports without error get no import diagnostic.

Usage: python3 testdata/rules/unresolved-import/gen.py
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.dirname(HERE)
DIRS = ["unresolved-import", "import-beyond-top-level", "missing-import-name"]

PROBE = r"""
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
try:
    mod = importlib.import_module(sys.argv[2])
    if callable(getattr(mod, "main", None)):
        mod.main()
    print(json.dumps({"error": "", "message": ""}))
except ImportError as e:
    print(json.dumps({"error": type(e).__name__, "message": str(e)}))
"""


def main():
    for d in DIRS:
        ws = os.path.join(RULES, d, "ws")
        golden = {}
        for dirpath, dirnames, filenames in os.walk(ws):
            dirnames.sort()
            for fn in sorted(filenames):
                if not fn.endswith(".py"):
                    continue
                path = os.path.join(dirpath, fn)
                rel = os.path.relpath(path, ws)
                parts = rel[:-3].split(os.sep)
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                out = subprocess.run([sys.executable, "-c", PROBE, ws, ".".join(parts)],
                                     capture_output=True, text=True, cwd="/", check=True)
                res = json.loads(out.stdout.strip().splitlines()[-1])
                res["message"] = res["message"].replace(ws, "$WS")
                golden[rel.replace(os.sep, "/")] = res
        with open(os.path.join(RULES, d, "golden.json"), "w") as f:
            json.dump(golden, f, indent=1, sort_keys=True)
            f.write("\n")
        print(d, sum(1 for v in golden.values() if v["error"]), "errors in", len(golden), "modules")


if __name__ == "__main__":
    main()
