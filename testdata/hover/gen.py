"""Writes expected.json: what CPython says about the hover fixtures.

Run from the repository root:  python3 testdata/hover/gen.py

- signatures: inspect.signature() of each class in signatures.py, as the
  parameter names, kinds and whether each has a default, for
  TestDunderHoverSignaturesMatchCPython.
- cleandoc: inspect.cleandoc() of each docstring in CLEANDOC, for
  TestDunderHoverCleanDocMatchesCPython.
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
    out = {"python": sys.version.split()[0], "signatures": sigs, "cleandoc": docs}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
