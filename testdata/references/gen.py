"""A grep-and-CPython oracle for textDocument/references on a module.

    python3 gen.py STDLIB [MODULE [EXCLUDED,NAMES]]

prints, as JSON, every import of MODULE (default asyncio.events) in the Python files
under STDLIB (hidden folders and folders named in EXCLUDED,NAMES left out: the Go
test passes pyward's default excludes, site-packages among them): a sorted list of "relative/path.py:LINE". The files are found by grep (the
last part of the module name as a word), the import statements by ast, and what each
one imports by CPython's own importlib.util.resolve_name with the file's package (its
folders under STDLIB); a match is confirmed with importlib.util.find_spec, which must
find the module's file under STDLIB. An import counts where its dotted path names
the module (`import a.b`, `from a.b import x`, `from .b import x`, any prefix is not
the module), where `from . import x` has the module as its package, and where an
imported name is the module (`from a import b`).

Run by analysis/refactor's TestModuleReferencesAsyncioEvents, which asks pyward for
the references of the module and compares.
"""

import ast
import importlib.util
import json
import os
import re
import sys


def package_of(root, path):
    rel = os.path.relpath(os.path.dirname(path), root)
    if rel == ".":
        return ""
    parts = rel.split(os.sep)
    return ".".join(parts) if all(p.isidentifier() for p in parts) else None


def main(root, target, excluded):
    root = os.path.realpath(root)
    word = re.compile(rb"\b" + re.escape(target.rsplit(".", 1)[-1].encode()) + rb"\b")
    spec = importlib.util.find_spec(target)
    want = os.path.realpath(spec.origin)
    if not want.startswith(root + os.sep):
        sys.exit(f"{target} is not under {root}: {want}")
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith(".") and x not in excluded)
        for f in sorted(files):
            if not f.endswith((".py", ".pyi")):
                continue
            path = os.path.join(d, f)
            with open(path, "rb") as fh:
                data = fh.read()
            if not word.search(data):
                continue
            try:
                tree = ast.parse(data)
            except (SyntaxError, ValueError):
                continue
            pkg = package_of(root, path)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for a in node.names:
                        if a.name == target or a.name.startswith(target + "."):
                            out.append(f"{rel}:{a.lineno}")
                elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
                    if node.level and not pkg:
                        continue
                    try:
                        full = importlib.util.resolve_name("." * node.level + (node.module or ""), pkg)
                    except (ImportError, ValueError):
                        continue
                    if node.module and (full == target or full.startswith(target + ".")):
                        out.append(f"{rel}:{node.lineno}")
                    if not node.module and full == target:
                        out.append(f"{rel}:{node.lineno}")
                    for a in node.names:
                        if f"{full}.{a.name}" == target:
                            out.append(f"{rel}:{a.lineno}")
    json.dump(sorted(out), sys.stdout, indent=0)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3, 4):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "asyncio.events",
         set(sys.argv[3].split(",")) if len(sys.argv) > 3 else {"__pycache__", "node_modules"})
