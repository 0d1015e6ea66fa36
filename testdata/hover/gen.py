"""Writes expected.json: what CPython says about the hover fixtures.

Run from the repository root:  python3 testdata/hover/gen.py

- signatures: inspect.signature() of each class in signatures.py, as the
  parameter names, kinds and whether each has a default, for
  TestDunderHoverSignaturesMatchCPython.
- cleandoc: inspect.cleandoc() of each docstring in CLEANDOC, for
  TestDunderHoverCleanDocMatchesCPython.
- subscripts: the special methods CPython calls, in order, for each statement
  in SUBSCRIPTS, where x is an object that records its hooks and Box a class
  with __class_getitem__, for TestDunderHoverSubscriptHooksMatchCPython.
"""

import importlib.util
import inspect
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

CLEANDOC = [
    "One line.",
    "   Leading blanks on the first line.   ",
    "Summary.\n\n    Body indented by four.\n      More by six.\n    ",
    "\n    Starts on the second line.\n\n    Second paragraph.\n    ",
    "Tabs.\n\tIndented by a tab.\n\t    Tab and four.\n",
    "Uneven.\n  two\n    four\n   three\n",
    "Blank lines inside.\n\n\n    kept\n\n",
    "First\n  Second line: only it sets the margin.\n",
    "\n\n\n",
    "",
    "Trailing spaces.   \n    next   \n",
    "Windows line ends.\r\n    next\r\n",  # \r stays, as in cleandoc
]


# Statements with one subscript of x (or of the class Box); the hover on its
# "[" names the hooks recorded here.
SUBSCRIPTS = [
    "y = x[1]",
    "x[1] = 2",
    "x[1:2] = [3]",
    "a, x[1] = 1, 2",
    "del x[1]",
    "del a, x[1]",
    "x[1] += 1",
    "x[1] **= 2",
    "for x[0] in [1, 2]: pass",
    "Box[int]",
]


class Recorder:
    def __init__(self):
        self.calls = []

    def __getitem__(self, key):
        self.calls.append("__getitem__")
        return 1

    def __setitem__(self, key, value):
        self.calls.append("__setitem__")

    def __delitem__(self, key):
        self.calls.append("__delitem__")


def subscript_hooks(stmt):
    calls = []

    class Box:
        def __class_getitem__(cls, key):
            calls.append("__class_getitem__")
            return cls

    x = Recorder()
    exec(stmt, {"x": x, "Box": Box, "a": None})
    hooks = calls + x.calls
    # a statement repeating a hook (the loop) lists it once
    return [h for i, h in enumerate(hooks) if h not in hooks[:i]]


def main():
    spec = importlib.util.spec_from_file_location("signatures", os.path.join(HERE, "signatures.py"))
    mod = importlib.util.module_from_spec(spec)
    sys.modules["signatures"] = mod  # dataclasses looks the module up (KW_ONLY, ClassVar)
    spec.loader.exec_module(mod)
    sigs = []
    for name, obj in vars(mod).items():
        if not inspect.isclass(obj) or obj.__module__ != "signatures":
            continue
        try:
            params = [
                [p.name, p.kind.name, p.default is not inspect.Parameter.empty]
                for p in inspect.signature(obj).parameters.values()
            ]
        except (TypeError, ValueError) as e:
            sigs.append({"class": name, "error": str(e)})
            continue
        sigs.append({"class": name, "params": params})
    docs = [{"in": d, "out": inspect.cleandoc(d)} for d in CLEANDOC]
    subs = [{"src": s, "hooks": subscript_hooks(s)} for s in SUBSCRIPTS]
    out = {"python": sys.version.split()[0], "signatures": sigs, "cleandoc": docs, "subscripts": subs}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
