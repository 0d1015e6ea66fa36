#!/usr/bin/env python3
"""The oracle for pyward's go-to-definition on the Python standard library.

For every relative import in every module of this interpreter's standard library
(sysconfig's "stdlib" folder, without site-packages), it writes where CPython
resolves each part, as JSON lines to stdout (or to the file named by argv[1]):

  * each dotted segment, and the dots: the file CPython's import system loads
    for that module (importlib.machinery.PathFinder.find_spec over sys.path,
    segment by segment, each in its parent's __path__; nothing is executed),
    null for a namespace package;
  * each imported name: `from P import n` is the name bound in P when P binds it
    (ast: the first module-level binding in source order, or one a star import
    of P brings in, honouring __all__), followed through re-exports (`from X
    import n` into X, `import a.b as n` to a.b's file) to its final definition
    line; else the submodule P.n's file, as CPython's _handle_fromlist does.
    A chain stops at the binding when the next module has no Python source
    (builtin or extension modules).

Imports that CPython cannot resolve (beyond the top-level package, missing
modules, names bound nowhere) are left out: the score is over every resolvable
relative import. Lines are 1-based; line 0 means "the file itself"; columns are
UTF-8 byte offsets in the line.

Usage: python3 stdlib_oracle.py [OUT.jsonl]
The first line is a header: {"stdlib": ..., "roots": [...], "files": N}.
"""
import ast
import bisect
import importlib.machinery
import importlib.util
import io
import json
import os
import sys
import sysconfig
import tokenize
import types

STDLIB = os.path.realpath(sysconfig.get_paths()["stdlib"])
ROOTS = [p for p in sys.path[1:] if os.path.isdir(p)]

_specs = {}


def find(name):
    """CPython's spec for the absolute module name, found without executing
    anything: (origin or None, search locations or None), or False."""
    if name in _specs:
        return _specs[name]
    parent, _, tail = name.rpartition(".")
    if parent:
        p = find(parent)
        if not p or p[1] is None:
            _specs[name] = False
            return False
        path = p[1]
        # PathFinder asks sys.modules for the parent of a namespace package it finds:
        # give it a bare module with the parent's __path__ (nothing is executed).
        if parent not in sys.modules:
            stand_in = types.ModuleType(parent)
            stand_in.__path__ = path
            sys.modules[parent] = stand_in
    else:
        path = ROOTS
    try:
        spec = importlib.machinery.PathFinder.find_spec(name, path)
    except (ImportError, ValueError, OSError):
        spec = None
    if spec is None:
        r = False
    else:
        origin = spec.origin if spec.has_location else None
        ssl = spec.submodule_search_locations
        # a namespace package's _NamespacePath recomputes itself from its parent in
        # sys.modules when iterated: take the portions it was found with instead.
        locs = None if ssl is None else list(getattr(ssl, "_path", ssl))
        r = (origin, locs)
    _specs[name] = r
    return r


_trees = {}


def tree_of(path):
    if path not in _trees:
        try:
            with open(path, "rb") as f:
                _trees[path] = ast.parse(f.read(), path)
        except (SyntaxError, ValueError, OSError):
            _trees[path] = None
    return _trees[path]


def top_bindings(tree, stars=None):
    """(name, line, col, node) of every module-level binding, in source order;
    the module-level star imports (also those nested in if/try) are appended to
    stars in source order."""
    out = []
    if stars is None:
        stars = []

    def targets(t, stmt):
        if isinstance(t, ast.Name):
            out.append((t.id, t.lineno, t.col_offset, stmt))
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                targets(e, stmt)
        elif isinstance(t, ast.Starred):
            targets(t.value, stmt)

    def block(stmts):
        for s in stmts:
            if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.append((s.name, s.lineno, s.col_offset, s))
            elif isinstance(s, ast.Assign):
                for t in s.targets:
                    targets(t, s)
            elif isinstance(s, (ast.AnnAssign, ast.AugAssign)):
                targets(s.target, s)
            elif isinstance(s, (ast.For, ast.AsyncFor)):
                targets(s.target, s)
                block(s.body)
                block(s.orelse)
            elif isinstance(s, (ast.With, ast.AsyncWith)):
                for it in s.items:
                    if it.optional_vars is not None:
                        targets(it.optional_vars, s)
                block(s.body)
            elif isinstance(s, (ast.Import, ast.ImportFrom)):
                for a in s.names:
                    if a.name == "*":
                        stars.append(s)
                        continue
                    bound = a.asname or a.name.split(".")[0]
                    out.append((bound, a.lineno, a.col_offset, (s, a)))
            elif isinstance(s, ast.If):
                block(s.body)
                block(s.orelse)
            elif isinstance(s, ast.While):
                block(s.body)
                block(s.orelse)
            elif isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
                block(s.body)
                for h in s.handlers:
                    if h.name:
                        out.append((h.name, h.lineno, h.col_offset, h))
                    block(h.body)
                block(s.orelse)
                block(s.finalbody)
    block(tree.body)
    out.sort(key=lambda b: (b[1], b[2]))
    return out


def package_of(modname, origin):
    if os.path.basename(origin).startswith("__init__."):
        return modname
    return modname.rpartition(".")[0]


def resolve(level, module, package):
    try:
        return importlib.util.resolve_name("." * level + (module or ""), package) if level else module
    except (ImportError, ValueError):
        return None


def source(modname):
    r = find(modname)
    if not r or not r[0] or not r[0].endswith(".py"):
        return None
    return r[0]


def all_of(tree):
    """The static __all__ of a module (`__all__ = [...]`, then `+= [...]`,
    `.extend([...])`, `.append("x")` at the top level), or None when there is
    none or it is computed."""
    names = None
    for s in tree.body:
        try:
            if isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in s.targets):
                names = list(ast.literal_eval(s.value))
            elif isinstance(s, ast.AugAssign) and isinstance(s.target, ast.Name) and s.target.id == "__all__":
                names = (names or []) + list(ast.literal_eval(s.value))
            elif (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                  and isinstance(s.value.func, ast.Attribute) and isinstance(s.value.func.value, ast.Name)
                  and s.value.func.value.id == "__all__" and len(s.value.args) == 1):
                arg = ast.literal_eval(s.value.args[0])
                if s.value.func.attr == "extend":
                    names = (names or []) + list(arg)
                elif s.value.func.attr == "append":
                    names = (names or []) + [arg]
        except ValueError:
            return None
    return names


def follow(modname, name, seen):
    """(path, line) of the final definition of name bound at the top level of
    modname, or None when modname does not bind it."""
    if (modname, name) in seen or len(seen) > 64:
        return None
    seen.add((modname, name))
    path = source(modname)
    if path is None:
        return None
    tree = tree_of(path)
    if tree is None:
        return None
    package = package_of(modname, path)
    stars = []
    for bname, line, col, node in top_bindings(tree, stars):
        if bname != name:
            continue
        if isinstance(node, tuple):
            stmt, alias = node
            if isinstance(stmt, ast.Import):
                target = alias.name if alias.asname else alias.name.split(".")[0]
                r = find(target) if all(find(".".join(target.split(".")[:k + 1])) for k in range(target.count(".") + 1)) else False
                if r and r[0] and r[0].endswith(".py"):
                    return (r[0], 0)
                return (path, line)
            src = resolve(stmt.level, stmt.module, package)
            if src and find(src):
                r = follow(src, alias.name, seen)
                if r:
                    return r
                sub = find(src + "." + alias.name) if find(src)[1] is not None else False
                if sub and sub[0] and sub[0].endswith(".py"):
                    return (sub[0], 0)
            return (path, line)
        return (path, line)
    for s in stars:
        src = resolve(s.level, s.module, package)
        spath = source(src) if src else None
        stree = tree_of(spath) if spath else None
        if stree is None:
            continue
        names = all_of(stree)
        if names is not None and name not in names or names is None and name.startswith("_"):
            continue
        r = follow(src, name, seen)
        if r:
            return r
        if names is not None:  # a name in __all__ that is not bound: the submodule
            sub = find(src + "." + name) if find(src)[1] is not None else False
            if sub and sub[0] and sub[0].endswith(".py"):
                return (sub[0], 0)
    return None


def byte_col(line_text, col):
    return len(line_text[:col].encode("utf-8"))


def cases_of(path, modname):
    with open(path, "rb") as f:
        if b"from ." not in f.read():
            return
    tree = tree_of(path)
    if tree is None or not any(isinstance(s, ast.ImportFrom) and s.level for s in ast.walk(tree)):
        return
    package = package_of(modname, path)
    with open(path, "rb") as f:
        try:
            toks = [(t.start[0], byte_col(t.line, t.start[1]), t.string)
                    for t in tokenize.tokenize(f.readline) if t.type in (tokenize.NAME, tokenize.OP)]
        except (tokenize.TokenError, SyntaxError):
            return
    starts = [(t[0], t[1]) for t in toks]
    for stmt in ast.walk(tree):
        if not isinstance(stmt, ast.ImportFrom) or not stmt.level:
            continue
        base = resolve(stmt.level, None, package)
        full = resolve(stmt.level, stmt.module, package)
        if base is None or full is None or not find(base):
            continue
        lo = bisect.bisect_left(starts, (stmt.lineno, stmt.col_offset))
        hi = bisect.bisect_left(starts, (stmt.end_lineno, stmt.end_col_offset))
        span = toks[lo:hi]
        i = 1
        origin = find(base)[0]
        yield {"line": span[i][0], "col": span[i][1], "what": "dots " + base, "path": origin, "to": 0}
        while span[i][2] in (".", "..."):
            i += 1
        prefix = base
        ok = True
        for seg in (stmt.module.split(".") if stmt.module else []):
            prefix = prefix + "." + seg
            r = find(prefix)
            if not r:
                ok = False
                break
            yield {"line": span[i][0], "col": span[i][1], "what": "segment " + prefix, "path": r[0], "to": 0}
            i += 2
        if not ok:
            continue
        for a in stmt.names:
            if a.name == "*":
                continue
            r = follow(full, a.name, set())
            if r is None:
                sub = find(full + "." + a.name) if find(full)[1] is not None else False
                if not sub:
                    continue  # CPython cannot import it: not resolvable
                r = (sub[0], 0)
            yield {"line": a.lineno, "col": a.col_offset, "what": "name " + full + "." + a.name, "path": r[0], "to": r[1]}


def main():
    out = open(sys.argv[1], "w") if len(sys.argv) > 1 else sys.stdout
    files = []
    for dirpath, dirnames, filenames in os.walk(STDLIB):
        dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "__pycache__"))
        for fn in sorted(filenames):
            if fn.endswith(".py"):
                files.append(os.path.join(dirpath, fn))
    rows = []
    for path in files:
        rel = os.path.relpath(path, STDLIB)[:-3].split(os.sep)
        if rel[-1] == "__init__":
            rel = rel[:-1]
        if not rel or not all(p.isidentifier() for p in rel):
            continue
        modname = ".".join(rel)
        for c in cases_of(path, modname):
            c["file"] = path
            rows.append(c)
    out.write(json.dumps({"stdlib": STDLIB, "roots": ROOTS, "files": len(files), "cases": len(rows)}) + "\n")
    for r in rows:
        out.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
