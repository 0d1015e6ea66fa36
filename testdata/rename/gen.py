"""The CPython oracle of pyward's import-following renames (workspace/willRenameFiles).

    python3 -I -S -B gen.py record ROOT
    python3 -I -S -B gen.py serve      # reads lines ROOT[<tab>FILE...], answers one JSON line each

imports every module of the tree ROOT (ROOT first on sys.path, shadowing the
standard library; in the order of the FILEs given, then sorted, so that a moved tree
is entered in the same order as the original and its import cycles run alike) and prints, as JSON, for every .py file under ROOT (path relative
to ROOT, '/'-separated):

  "binds":  for each import statement of the file, in any scope, what it binds:
            [name, identity]; name is the alias or the imported name, or "import"
            for a plain `import a.b.c` (recorded as the module a.b.c it loads; its
            uses `a.b.c.x` are recorded in "chains"), "*" for a star import (the
            module the names come from). Statements are executed as CPython does
            (importlib.__import__ with the file's __package__), also those inside
            functions.
  "chains": for each maximal chain of attributes `a.b.c` (in source order) read
            from a name bound to a module by an import in the chain's own function,
            or else by the module at its top level, what the chain evaluates to.
  "error":  the exception raised by importing the module, if any ("detail": its
            message, for people; only the type is compared).

An identity is {"k": kind, "p": [files...], "q": qualname, "v": value}: a module is
its file (or its folders, for a namespace package), a class or function the file of
its module and its qualname, another value its type and (for plain scalars) repr.
Files inside ROOT are relative to it; others are "<stdlib>/" + module name.

The Go driver (server/rename_oracle_test.go) records the tree, moves files and
folders at random through pyward's willRenameFiles edits, records again and compares
both after mapping the paths of the first record through the moves.
"""

import ast
import importlib
import importlib.machinery
import importlib.util
import json
import os
import sys


# Compiling is most of an import's cost and most files do not change between two
# records: code objects are kept by (path, source).
_source_to_code = importlib.machinery.SourceFileLoader.source_to_code
_code_cache = {}


def _cached_source_to_code(self, data, path, *args, **kwargs):
    key = (path, bytes(data))
    code = _code_cache.get(key)
    if code is None:
        code = _code_cache[key] = _source_to_code(self, data, path, *args, **kwargs)
    return code


importlib.machinery.SourceFileLoader.source_to_code = _cached_source_to_code
_ast_cache = {}


def rel(root, path):
    path = os.path.normpath(path)
    if path == root or path.startswith(root + os.sep):
        return os.path.relpath(path, root).replace(os.sep, "/")
    return None


def identity(root, obj):
    if isinstance(obj, type(sys)):
        f = getattr(obj, "__file__", None)
        if f:
            r = rel(root, f)
            return {"k": "module", "p": [r] if r else ["<stdlib>/" + obj.__name__]}
        paths = [rel(root, p) or ("<stdlib>/" + p) for p in getattr(obj, "__path__", [])]
        return {"k": "namespace", "p": sorted(paths)} if paths else {"k": "module", "p": ["<builtin>/" + obj.__name__]}
    qual = getattr(obj, "__qualname__", None)
    modname = getattr(obj, "__module__", None)
    if isinstance(qual, str) and isinstance(modname, str) and (isinstance(obj, type) or callable(obj)):
        mod = sys.modules.get(modname)
        f = getattr(mod, "__file__", None) if mod else None
        r = rel(root, f) if f else None
        return {"k": "object", "p": [r] if r else ["<stdlib>/" + modname], "q": qual}
    v = ""
    if obj is None or isinstance(obj, (bool, int, float, str, bytes)):
        v = repr(obj)[:200]
    return {"k": "value", "p": [], "q": type(obj).__qualname__, "v": v}


def error(e):
    return {"k": "error", "p": [], "q": type(e).__name__, "v": ""}


def module_name(relpath):
    parts = relpath[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    return ".".join(parts)


def plain_name(name):
    """The name an `import name` without alias is recorded under: the name itself
    when it has no dot (it binds the module), else "import" (it binds the top-level
    package; its uses a.b.c are recorded as chains)."""
    return name if "." not in name else "import"


def statement_binds(stmt, package):
    out = []
    if isinstance(stmt, ast.Import):
        for a in stmt.names:
            try:
                importlib.import_module(a.name)
                val = sys.modules[a.name]
                out.append([a.asname or plain_name(a.name), val])
            except Exception as e:  # the statement fails: so must it after the move
                out.append([a.asname or plain_name(a.name), e])
        return out
    try:
        mod = importlib.__import__(stmt.module or "", {"__package__": package, "__name__": package or "__main__"},
                                   None, [a.name for a in stmt.names], stmt.level)
        if stmt.module and stmt.level == 0:
            mod = sys.modules[stmt.module]
        elif stmt.module:
            mod = sys.modules[importlib.util.resolve_name("." * stmt.level + stmt.module, package)]
    except Exception as e:
        return [[a.asname or a.name, e] for a in stmt.names]
    for a in stmt.names:
        if a.name == "*":
            out.append(["*", mod])
            continue
        try:
            out.append([a.asname or a.name, getattr(mod, a.name)])
        except Exception as e:
            out.append([a.asname or a.name, e])
    return out


def scopes(tree):
    """Yields (node, scope) for every node, scope being the innermost enclosing
    function or lambda (None at module and class level)."""
    stack = [(tree, None)]
    while stack:
        node, scope = stack.pop()
        yield node, scope
        inner = node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else scope
        for child in ast.iter_child_nodes(node):
            stack.append((child, inner))


def analyse(path):
    """What the record needs of a file's source, kept by (path, source): its import
    statements with their scope, and its maximal attribute chains (scope, root name,
    attribute names) in source order."""
    with open(path, "rb") as fh:
        data = fh.read()
    key = (path, data)
    if key in _ast_cache:
        return _ast_cache[key]
    tree = ast.parse(data)
    imports, found, inner = [], [], set()
    for node, scope in scopes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and not (isinstance(node, ast.ImportFrom) and node.module == "__future__"):
            imports.append((node, scope))
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Attribute):
                inner.add(id(node.value))
            found.append((node, scope))
    found.sort(key=lambda x: (x[0].lineno, x[0].col_offset, -x[0].end_col_offset))
    chains = []
    for node, scope in found:
        if id(node) in inner:
            continue
        names = []
        n = node
        while isinstance(n, ast.Attribute):
            names.append(n.attr)
            n = n.value
        if isinstance(n, ast.Name):
            names.reverse()
            chains.append((id(scope) if scope is not None else None, n.id, names))
    _ast_cache[key] = (tree, imports, chains)
    return _ast_cache[key]


def chains(found, module, imported):
    """imported maps (scope, name) to the module an import statement of that scope binds."""
    out = []
    g = {k: v for k, v in vars(module).items() if isinstance(v, type(sys))}
    for scope, root, names in found:
        val = imported.get((scope, root)) if scope is not None else None
        if val is None:
            val = g.get(root)
        if val is None:
            continue
        try:
            for a in names:
                val = getattr(val, a)
        except AttributeError as e:
            val = e
        out.append(val)
    return out


def purge(root, tops):
    """Forgets every module loaded from root or named like a top-level name of it."""
    for name, mod in list(sys.modules.items()):
        try:
            where = [getattr(mod, "__file__", None) or ""] + list(getattr(mod, "__path__", None) or [])
        except Exception:  # a namespace path whose parent is already forgotten
            where = []
        if name.split(".")[0] in tops or any(w and rel(root, w) is not None for w in where):
            del sys.modules[name]
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()


def record(root, order=()):
    root = os.path.realpath(root)
    sys.path[0] = root
    files = []
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith(".") and x != "__pycache__")
        for n in sorted(names):
            if n.endswith(".py"):
                files.append(rel(root, os.path.join(d, n)))
    first = [f for f in order if f in set(files)]
    files = first + [f for f in files if f not in set(first)]
    tops = {f.split("/")[0].removesuffix(".py") for f in files}
    purge(root, tops)
    result = {}
    for f in files:
        name = module_name(f)
        if name is None or name.split(".")[-1] == "__main__":
            continue
        entry = {}
        try:
            module = importlib.import_module(name)
        except BaseException as e:
            entry["error"] = type(e).__name__
            entry["detail"] = str(e)[:300]
            result[f] = entry
            continue
        if rel(root, getattr(module, "__file__", "") or "") != f:
            entry["error"] = "shadowed"
            result[f] = entry
            continue
        tree, imports, found = analyse(os.path.join(root, f))
        package = module.__package__
        binds = []
        imported = {}  # modules that import statements in functions bind, by (scope, name)
        for node, scope in imports:
            for (name_, val), a in zip(statement_binds(node, package), node.names):
                binds.append([name_, error(val) if isinstance(val, BaseException) else identity(root, val)])
                if isinstance(node, ast.Import) and not a.asname:
                    val = sys.modules.get(a.name.split(".")[0])
                    name_ = a.name.split(".")[0]
                if isinstance(val, type(sys)) and name_ != "*" and scope is not None:
                    imported[(id(scope), name_)] = val
        entry["binds"] = binds
        entry["chains"] = [error(v) if isinstance(v, BaseException) else identity(root, v) for v in chains(found, module, imported)]
        result[f] = entry
    purge(root, tops)
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "record":
        json.dump(record(sys.argv[2]), sys.stdout, sort_keys=True)
    elif len(sys.argv) == 2 and sys.argv[1] == "serve":
        for line in sys.stdin:
            root, *order = line.rstrip("\n").split("\t")
            sys.stdout.write(json.dumps(record(root, order), sort_keys=True) + "\n")
            sys.stdout.flush()
    else:
        sys.exit(__doc__)
