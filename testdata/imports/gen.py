#!/usr/bin/env python3
"""Generate testdata/imports/expected.json: where go-to-definition and
go-to-declaration must land for every part of every import statement, and for
every use of an imported name, in the query modules of the fixture workspace
testdata/imports/ws, as CPython itself resolves them.

The query modules are really imported (sys.path = [ws, ws/src] + the
interpreter's own), so:
  * the file of the dots, of every dotted segment and of every module a name
    denotes is the __file__ of the module object CPython created (None for a
    namespace package);
  * whether `from P import n` gives the binding in P or the submodule P.n is
    what CPython's getattr returned;
  * a function or class lands in the file and on the line of its code object
    / class statement as CPython compiled it.
Only for plain values (VALUE = 1, a for target...) does run time not know where a
name was bound; there the binding is found with ast, following re-exports the
way CPython's import binds them (first top-level binding in source order;
`from X import n` followed into X, `import a.b as n` to a.b, star imports
honouring __all__), and for functions and classes the ast answer is checked
against CPython's.

Declaration expectations are the same chain preferring a .pyi beside the .py.

Paths are relative to ws with "/" separators, or "$STDLIB/..." for the
interpreter's standard library. Line 0 means "the file itself". Columns are
UTF-8 byte offsets in the line (as ast gives them).

Usage: python3 testdata/imports/gen.py
(writes testdata/imports/expected.json and expected_pkgroot.json)
"""
import ast
import contextlib
import importlib
import importlib.util
import inspect
import io
import json
import os
import subprocess
import sys
import sysconfig
import tokenize
import types

from stdlib_oracle import top_bindings  # one definition of "what a module binds", shared with the oracle

HERE = os.path.dirname(os.path.abspath(__file__))
# The fixture workspaces: the folder pyward is given as its workspace, CPython's
# sys.path entries, the modules to query, and the file the expectations go to.
# pkgroot is a workspace folder that is itself a package: CPython imports it from
# its parent (python -m pkgroot.user), and so must pyward resolve its relative imports.
SETUPS = {
    "ws": (os.path.join(HERE, "ws"), [os.path.join(HERE, "ws"), os.path.join(HERE, "ws", "src")],
           ["app.user"], "expected.json"),
    "pkgroot": (os.path.join(HERE, "pkgroot"), [HERE], ["pkgroot.user"], "expected_pkgroot.json"),
}
WS, ROOTS, QUERIES, OUT = SETUPS["ws"]
STDLIB = sysconfig.get_paths()["stdlib"]


def rel(path):
    if path is None:
        return None
    if path.startswith(WS + os.sep):
        return os.path.relpath(path, WS).replace(os.sep, "/")
    if path.startswith(STDLIB + os.sep):
        return "$STDLIB/" + os.path.relpath(path, STDLIB).replace(os.sep, "/")
    raise SystemExit("target outside the workspace and the stdlib: " + path)


def stub_of(path):
    if path and path.endswith(".py") and os.path.isfile(path + "i"):
        return path + "i"
    return path


_trees = {}


def tree_of(path):
    if path not in _trees:
        with open(path, "rb") as f:
            _trees[path] = ast.parse(f.read(), path)
    return _trees[path]


def module_file(name):
    m = sys.modules.get(name)
    return getattr(m, "__file__", None) if m else None


def follow(modname, name, stub, seen=None):
    """Final (path, line) of `name` bound at the top level of module modname, or
    None when it is not bound there (ast, CPython's binding rules)."""
    seen = seen or set()
    if (modname, name) in seen:
        return None
    seen.add((modname, name))
    mod = sys.modules[modname]
    path = getattr(mod, "__file__", None)
    if path is None or not path.endswith(".py"):
        return None
    src = stub_of(path) if stub else path
    tree = tree_of(src)
    stars = []
    for bname, line, col, node in top_bindings(tree, stars):
        if bname != name:
            continue
        if isinstance(node, tuple):
            stmt, alias = node
            if isinstance(stmt, ast.Import):
                target = alias.name if alias.asname else alias.name.split(".")[0]
                f = module_file(target)
                if f:
                    return (stub_of(f) if stub else f, 0)
                return (src, line)
            pkg = mod.__package__ if stmt.level else None
            source = importlib.util.resolve_name("." * stmt.level + (stmt.module or ""), pkg) if stmt.level else stmt.module
            if source in sys.modules:
                r = follow(source, alias.name, stub, seen)
                if r:
                    return r
                f = module_file(source + "." + alias.name)
                if f:
                    return (stub_of(f) if stub else f, 0)
            return (src, line)
        return (src, line)
    # star imports
    for s in stars:
        source = importlib.util.resolve_name("." * s.level + (s.module or ""), mod.__package__) if s.level else s.module
        smod = sys.modules[source]
        names = getattr(smod, "__all__", None)
        if names is not None and name not in names or names is None and name.startswith("_"):
            continue
        r = follow(source, name, stub, seen)
        if r:
            return r
    return None


def describe(value, holder, name, stub):
    """Where definition (stub=False) or declaration (stub=True) of holder.name
    lands, holder being the module CPython took the name from."""
    if isinstance(value, types.ModuleType):
        f = getattr(value, "__file__", None)
        return (stub_of(f) if stub else f, 0) if f else None
    r = follow(holder, name, stub)
    if r is None:
        raise SystemExit(f"{holder}.{name}: not found statically")
    if not stub and isinstance(value, (types.FunctionType, type)):
        # check the static answer against CPython's own record
        f = inspect.getsourcefile(value)
        if isinstance(value, types.FunctionType):
            line = value.__code__.co_firstlineno
        else:
            line = inspect.findsource(value)[1] + 1
        if (os.path.abspath(f), line) != (os.path.abspath(r[0]), r[1]):
            raise SystemExit(f"{holder}.{name}: ast says {r}, CPython says {(f, line)}")
    return r


def loc(r):
    if r is None or r[0] is None:
        return None
    return {"path": rel(r[0]), "line": r[1]}


def name_tokens(path):
    """(line, col, string) of every NAME and '.'/'...' token."""
    with open(path, "rb") as f:
        toks = list(tokenize.tokenize(f.readline))
    return [(t.start[0], t.start[1], t.string) for t in toks if t.type in (tokenize.NAME, tokenize.OP)]


def query(modname):
    with contextlib.redirect_stdout(io.StringIO()):
        mod = importlib.import_module(modname)
    path = mod.__file__
    tree = tree_of(path)
    toks = name_tokens(path)
    out = []

    def add(line, col, what, value_def, value_decl):
        out.append({"file": rel(path), "line": line, "col": col, "what": what,
                    "def": loc(value_def), "decl": loc(value_decl)})

    def modloc(name):
        f = module_file(name)
        return ((f, 0) if f else None), ((stub_of(f), 0) if f else None)

    bound = {}  # name bound by an import in the query module -> (holder module, name in it) or module name
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom):
            base = importlib.util.resolve_name("." * stmt.level, mod.__package__) if stmt.level else ""
            full = importlib.util.resolve_name("." * stmt.level + (stmt.module or ""), mod.__package__) if stmt.level else stmt.module
            span = [t for t in toks if (t[0], t[1]) >= (stmt.lineno, stmt.col_offset) and (t[0], t[1]) < (stmt.end_lineno, stmt.end_col_offset)]
            i = 1
            if stmt.level:
                d, dd = modloc(base)
                add(span[i][0], span[i][1], "dots", d, dd)
                while span[i][2] in (".", "..."):
                    i += 1
            segs = (stmt.module or "").split(".") if stmt.module else []
            prefix = base
            for seg in segs:
                assert span[i][2] == seg, (span[i], seg)
                prefix = prefix + "." + seg if prefix else seg
                d, dd = modloc(prefix)
                add(span[i][0], span[i][1], "segment " + prefix, d, dd)
                i += 2
            for a in stmt.names:
                if a.name == "*":
                    smod = sys.modules[full]
                    for n in getattr(smod, "__all__", [k for k in vars(smod) if not k.startswith("_")]):
                        bound.setdefault(n, (full, n))
                    continue
                value = getattr(sys.modules[full], a.name)
                d, dd = describe(value, full, a.name, False), describe(value, full, a.name, True)
                add(a.lineno, a.col_offset, "name " + a.name, d, dd)
                if a.asname:
                    add(a.end_lineno, a.end_col_offset - len(a.asname), "alias " + a.asname, d, dd)
                bound[a.asname or a.name] = (full, a.name)
        elif isinstance(stmt, ast.Import):
            for a in stmt.names:
                parts = a.name.split(".")
                col = a.col_offset
                for k, seg in enumerate(parts):
                    d, dd = modloc(".".join(parts[:k + 1]))
                    add(a.lineno, col, "segment " + ".".join(parts[:k + 1]), d, dd)
                    col += len(seg) + 1
                if a.asname:
                    d, dd = modloc(a.name)
                    add(a.end_lineno, a.end_col_offset - len(a.asname), "alias " + a.asname, d, dd)
                    bound[a.asname] = a.name
                else:
                    bound[parts[0]] = parts[0]

    def target_of(name):
        b = bound[name]
        value = getattr(mod, name)
        if isinstance(b, str):
            return modloc(b)
        return describe(value, b[0], b[1], False), describe(value, b[0], b[1], True)

    def module_value(expr):
        """The module an expression of names and attributes denotes at run time
        (starting from a name bound by an import), or None."""
        if isinstance(expr, ast.Name):
            return getattr(mod, expr.id) if expr.id in bound else None
        if isinstance(expr, ast.Attribute):
            obj = module_value(expr.value)
            if isinstance(obj, types.ModuleType):
                return getattr(obj, expr.attr, None)
        return None

    imports = {id(n) for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom)) for n in ast.walk(s)}
    for node in ast.walk(tree):
        if id(node) in imports:
            continue
        if isinstance(node, ast.Attribute):
            obj = module_value(node.value)
            if isinstance(obj, types.ModuleType):
                value = getattr(obj, node.attr)
                col = node.end_col_offset - len(node.attr)
                d, dd = describe(value, obj.__name__, node.attr, False), describe(value, obj.__name__, node.attr, True)
                add(node.end_lineno, col, "attr " + ast.unparse(node), d, dd)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in bound:
            d, dd = target_of(node.id)
            add(node.lineno, node.col_offset, "use " + node.id, d, dd)
    return out


def main():
    global WS, ROOTS, QUERIES, OUT
    if len(sys.argv) == 1:
        # one fresh interpreter per workspace
        for name in SETUPS:
            subprocess.run([sys.executable, os.path.abspath(__file__), name], check=True)
        return
    WS, ROOTS, QUERIES, OUT = SETUPS[sys.argv[1]]
    sys.path[:0] = ROOTS
    cases = []
    for q in QUERIES:
        cases.extend(query(q))
    cases.sort(key=lambda c: (c["file"], c["line"], c["col"]))
    with open(os.path.join(HERE, OUT), "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"{sys.argv[1]}: {len(cases)} cases")


if __name__ == "__main__":
    main()
