#!/usr/bin/env python3
"""Golden vectors for package pathing, asked of CPython 3.11 itself.

Run by hand from the repository root when the cases change, and commit the output:

    python3 testdata/pathing/gen.py

It writes
  testdata/pathing/golden/paths_posix.json, paths_nt.json
      posixpath / ntpath answers for random and hand-picked inputs, per function;
  testdata/pathing/golden/realpath.json
      a tree of files, directories and symlinks (relative, absolute, chains,
      ".." after a link, dangling, loops) described as data, and
      os.path.realpath's answers for paths in it, relative to the tree root;
      the Go test rebuilds the tree in t.TempDir() and compares;
  testdata/pathing/golden/imports.json
      what CPython's import system makes of the fixture workspace under
      testdata/pathing/imports/ (module __file__ / __path__ or the exception).

Everything is deterministic (fixed seed). ntpath and posixpath are pure Python
on a POSIX host, so both flavours are generated on Linux. relpath and abspath
depend on the working directory: the script runs them with cwd "/", which the
Go port assumes.
"""
import json
import ntpath
import os
import posixpath
import random
import shutil
import subprocess
import sys
import tempfile

assert sys.version_info[:2] == (3, 11), sys.version
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden")
SEED = 20261125
N_RANDOM = 2500  # random cases per function and flavour

# Pieces random paths are made of: separators of both kinds, dots, drive
# letters in both cases, colons, UNC and device prefixes, spaces, non-ASCII
# (including characters whose lower() is special: U+0130, final sigma, Kelvin).
PIECES = (
    ["/"] * 8 + ["\\"] * 8 + ["."] * 3 + [".."] * 4 + [":"] * 3 +
    ["C", "c", "Z", "d", "C:", "c:", "D:", "é:"] +
    ["?", "UNC", "unc", "\\\\?\\", "//?/", "\\\\.\\", "\\\\?\\UNC\\", "//", "\\\\"] +
    ["a", "b", "foo", "Bar", "x.py", ".py", "tar.gz", ".hidden", "..x", "x.", "server", "share"] +
    [" ", "  ", "é", "İ", "Σ", "ΑΣ", "ς", "ß", "\u212a", "日本", "😀", "\u0301", "~", "$", "%20", "#", ";", "\t"] +
    [""]
)


def rand_path(rng, maxlen=9):
    n = rng.randint(0, maxlen)
    return "".join(rng.choice(PIECES) for _ in range(n))


def call(fn, *args):
    try:
        return {"out": fn(*args)}
    except ValueError as e:
        return {"err": str(e)}


HAND = [
    "", ".", "..", "/", "//", "///", "////", "//x", "///x", "//x/..", "/..", "/../..", "a/..", "a/../..",
    "../a", "./a", "a/./b", "a//b", "a/b/", "a/b//", "\\", "\\\\", "\\\\\\", "\\\\server\\share",
    "\\\\server\\share\\", "\\\\server\\share\\x\\..\\..", "\\\\server", "\\\\server\\", "//server/share/x",
    "\\\\?\\C:\\x\\..\\y", "\\\\?\\UNC\\server\\share\\x", "\\\\?\\unc\\server\\share", "\\\\.\\pipe\\x",
    "\\\\.\\C:\\x", "C:", "C:x", "C:\\", "C:/", "c:\\x\\..\\..", "C:..\\x", "C:\\..\\x", "C:/a/b/../c",
    "C:\\Users\\me\\a b.py", "c:/users/ME/x.PY", "D:\\", "d:", "é:\\x", "é:x", "\\x", "/x", "x\\y/z",
    "a.b.c", ".bashrc", "..bashrc", "a/.b", "a/..b", "a/b.", "a.tar.gz", "C:.x", "C:\\.x", "\\\\a\\b\\.x",
    "ΑΣ", "ΑΣ.PY", "İ\\X", "\u212a:\\", "日本\\語.py", "😀/😀.x", "a\x00b/..", " / ", " ", "\\\\?\\",
    "\\\\?\\C:", "\\\\?\\C:\\", "\\\\.\\", "\\\\.\\x", "/\\x", "\\/x", "C:\\\\x", "C:////x", "//?/UNC/s/h/x",
]


def cases_for(mod, rng):
    out = {}

    def one_arg(name, fn):
        rows = [[p, call(fn, p)] for p in HAND]
        rows += [[p, call(fn, p)] for p in (rand_path(rng) for _ in range(N_RANDOM))]
        out[name] = rows

    one_arg("normpath", mod.normpath)
    one_arg("normcase", mod.normcase)
    one_arg("isabs", mod.isabs)
    one_arg("split", lambda p: list(mod.split(p)))
    one_arg("splitdrive", lambda p: list(mod.splitdrive(p)))
    one_arg("splitext", lambda p: list(mod.splitext(p)))
    one_arg("basename", mod.basename)
    one_arg("dirname", mod.dirname)

    rows = []
    for a in HAND[::3]:
        for b in HAND[1::7]:
            rows.append([[a, b], call(mod.join, a, b)])
    for _ in range(N_RANDOM):
        args = [rand_path(rng, 5) for _ in range(rng.randint(1, 4))]
        rows.append([args, call(mod.join, *args)])
    out["join"] = rows

    rows = []
    absolutes = [p for p in HAND if mod.isabs(p)]
    for a in absolutes[::2]:
        for b in absolutes[1::3]:
            rows.append([[a, b], call(mod.relpath, a, b)])
    for i in range(N_RANDOM):
        a, b = rand_path(rng, 7), rand_path(rng, 7)
        if i % 2 == 0:  # mostly absolute, as callers use it
            a, b = mod.sep + a, mod.sep + b
            if mod is ntpath and i % 4 == 0:
                d = rng.choice(["C:", "c:", "D:", "\\\\srv\\shr", "\\\\SRV\\shr"])
                a, b = d + a, d + b
        rows.append([[a, b], call(mod.relpath, a, b)])
    out["relpath"] = rows

    rows = [[[], call(mod.commonpath, [])]]
    for _ in range(N_RANDOM):
        k = rng.randint(1, 4)
        if rng.random() < 0.5:
            base = rand_path(rng, 5)
            args = [base + rand_path(rng, 4) for _ in range(k)]
        else:
            args = [rand_path(rng, 6) for _ in range(k)]
        rows.append([args, call(mod.commonpath, args)])
    out["commonpath"] = rows
    return out


def write_json(name, data):
    os.makedirs(GOLDEN, exist_ok=True)
    path = os.path.join(GOLDEN, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print("wrote", path, os.path.getsize(path), "bytes")


def gen_paths():
    cwd = os.getcwd()
    os.chdir("/")
    try:
        for name, mod in (("posix", posixpath), ("nt", ntpath)):
            rng = random.Random(f"{SEED}-{name}")
            write_json(f"paths_{name}.json", {"python": sys.version.split()[0], "cases": cases_for(mod, rng)})
    finally:
        os.chdir(cwd)


# The symlink tree for realpath: (kind, name, target). "$ROOT" in a target
# is the tree's root. Names are relative to the root.
REAL_TREE = [
    ("dir", "d", None),
    ("file", "d/f", None),
    ("dir", "d/sub", None),
    ("file", "d/sub/g", None),
    ("dir", "e/deep/er", None),
    ("file", "e/deep/er/h.py", None),
    ("link", "rel", "d/f"),
    ("link", "reldir", "d"),
    ("link", "abs", "$ROOT/d/sub"),
    ("link", "absfile", "$ROOT/d/sub/g"),
    ("link", "chain1", "chain2"),
    ("link", "chain2", "chain3"),
    ("link", "chain3", "./d/sub"),
    ("link", "d/sub/up", ".."),
    ("link", "d/sub/upup", "../.."),
    ("link", "d/sub/sib", "../../e/deep"),
    ("link", "dotdot", "d/sub/../sub"),
    ("link", "dangling", "nowhere"),
    ("link", "dangling2", "d/missing/x"),
    ("link", "danglingabs", "$ROOT/nothing/here"),
    ("link", "danglingchain", "dangling"),
    ("link", "loop1", "loop2"),
    ("link", "loop2", "loop1"),
    ("link", "self", "self"),
    ("link", "selfdir", "selfdir/x"),
    ("link", "loopvia", "reldir/../loop1"),
    ("link", "d/back", "$ROOT/reldir/sub"),
    ("link", "d/sub/cyc", "../sub/cyc"),
    ("link", "deep", "d/sub/up/sub/up/sub/g"),
    ("link", "relup", "./d/../d/./sub"),
    ("link", "e/deep/er/out", "../../../d/sub/upup/e"),
    ("link", "tofilethen", "rel/x"),
    ("link", "dots", "..."),
    ("link", "e/spaced name", "../d/f"),
    ("link", "uni", "d/sub"),
    ("dir", "ünï", None),
    ("link", "ünï/lnk", "../uni/g"),
]
REAL_NAMES = ["d", "f", "sub", "g", "e", "deep", "er", "h.py", "up", "upup", "sib", "cyc", "back", "x", "..", ".", "",
              "nowhere", "missing"] + [n for k, n, _ in REAL_TREE if k == "link" and "/" not in n]


def gen_realpath():
    rng = random.Random(f"{SEED}-realpath")
    queries = set()
    for kind, name, _ in REAL_TREE:
        for suffix in ("", "/", "/x", "/..", "/../d", "/sub", "/g", "/sub/g", "/up/..", "/f", "/./.", "/../..", "/h.py"):
            queries.add(name + suffix)
    for _ in range(600):
        queries.add("/".join(rng.choice(REAL_NAMES) for _ in range(rng.randint(1, 5))))
    queries = sorted(queries)
    tmp = tempfile.mkdtemp(prefix="pyward-realpath-")
    try:
        root = os.path.join(tmp, "root")
        os.mkdir(root)
        for kind, name, target in REAL_TREE:
            p = os.path.join(root, name)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            if kind == "dir":
                os.makedirs(p, exist_ok=True)
            elif kind == "file":
                with open(p, "w") as f:
                    f.write(name)
            else:
                os.symlink(target.replace("$ROOT", root), p)
        realroot = os.path.realpath(root)
        results = []
        for q in queries:
            got = os.path.realpath(root + "/" + q)
            if got != realroot and not got.startswith(realroot + "/"):
                continue  # climbed out of the tree: the answer depends on where the tree is
            results.append([q, posixpath.relpath(got, realroot)])
    finally:
        shutil.rmtree(tmp)
    write_json("realpath.json", {"python": sys.version.split()[0], "tree": REAL_TREE, "cases": results})


IMPORTS = os.path.join(HERE, "imports")

# Relative imports: (roots, importer module name, dots, names).
RELATIVE = [
    (["root1", "root2"], "app.main", 1, []),
    (["root1", "root2"], "app.main", 1, ["util"]),
    (["root1", "root2"], "app.main", 1, ["sub", "mod"]),
    (["root1", "root2"], "app.main", 1, ["sub", "deeper", "leaf"]),
    (["root1", "root2"], "app.main", 1, ["missing"]),
    (["root1", "root2"], "app.main", 1, ["sub", "missing"]),
    (["root1", "root2"], "app.main", 1, ["sub", "missing", "more"]),
    (["root1", "root2"], "app.main", 2, ["x"]),
    (["root1", "root2"], "app.main", 2, []),
    (["root1", "root2"], "app.main", 1, ["onlystub"]),
    (["root1", "root2"], "app.main", 1, ["nsdir"]),
    (["root1", "root2"], "app.main", 1, ["nsdir", "x"]),
    (["root1", "root2"], "app.main", 1, ["both"]),
    (["root1", "root2"], "app.main", 1, ["modpkg"]),
    (["root1", "root2"], "app.main", 1, ["modpkg", "y"]),
    (["root1", "root2"], "app.main", 1, ["plainmod", "x"]),
    (["root1", "root2"], "app.main", 1, ["linked"]),
    (["root1", "root2"], "app.main", 1, ["linked", "inner"]),
    (["root1", "root2"], "app.main", 1, ["loop"]),
    (["root1", "root2"], "app.main", 1, ["loopa"]),
    (["root1", "root2"], "app.main", 1, ["dangling"]),
    (["root1", "root2"], "app.main", 1, ["dirloop"]),
    (["root1", "root2"], "app.main", 1, ["extra"]),
    (["root1", "root2"], "app.main", 1, ["Cased"]),
    (["root1", "root2"], "app.main", 1, ["cased"]),
    (["root1", "root2"], "app.sub.mod", 1, []),
    (["root1", "root2"], "app.sub.mod", 1, ["deeper", "leaf"]),
    (["root1", "root2"], "app.sub.mod", 2, ["util"]),
    (["root1", "root2"], "app.sub.mod", 2, ["sub", "deeper"]),
    (["root1", "root2"], "app.sub.mod", 3, []),
    (["root1", "root2"], "app.sub", 1, ["mod"]),
    (["root1", "root2"], "app.sub", 2, ["util"]),
    (["root1", "root2"], "app.sub", 3, ["util"]),
    (["root1", "root2"], "app.sub.deeper.leaf", 3, ["util"]),
    (["root1", "root2"], "app.sub.deeper.leaf", 2, ["mod"]),
    (["root1", "root2"], "app.sub.deeper.leaf", 4, ["x"]),
    (["root1", "root2"], "app.sub.deeper", 1, ["leaf"]),
    (["root1", "root2"], "toplevel", 1, ["x"]),
    (["root1", "root2"], "ns.part1", 1, []),
    (["root1", "root2"], "ns.part1", 1, ["part2"]),
    (["root1", "root2"], "ns.part1", 1, ["shared", "b"]),
    (["root1", "root2"], "ns.part1", 2, ["x"]),
    (["root1", "root2"], "ns.shared.a", 2, ["part2"]),
    (["root1", "root2"], "ns.shared.a", 1, ["b"]),
    (["root1"], "ns.part1", 1, ["part2"]),
    (["root1", "root2"], "realpkg.inner", 1, ["inner"]),
    (["root1", "root2"], "app.linked.inner", 1, []),
    (["root1", "root2"], "app.linked.inner", 2, ["util"]),
    (["root1", "root2"], "ext", 1, ["fast"]),
    (["root1", "root2"], "ext", 1, ["other"]),
    (["root1", "root2"], "ext", 1, ["plain"]),
    (["root1", "root2"], "stubpkg.m", 1, []),
    (["root2", "root1"], "other.o", 1, []),
    (["root2", "root1"], "other.o", 2, ["app"]),
    (["root1", "root2"], "bc", 1, ["only"]),
]

ABSOLUTE = [
    (["root1", "root2"], ["app"]),
    (["root1", "root2"], ["app", "sub", "mod"]),
    (["root1", "root2"], ["app", "extra"]),
    (["root1", "root2"], ["ns"]),
    (["root1", "root2"], ["ns", "shared"]),
    (["root1", "root2"], ["ns", "shared", "b"]),
    (["root1", "root2"], ["ns", "part2"]),
    (["root1", "root2"], ["missing"]),
    (["root1", "root2"], ["app", "missing", "x"]),
    (["root1", "root2"], ["notpkg", "x"]),
    (["root1", "root2"], ["other"]),
    (["root1", "root2"], ["other", "o"]),
    (["root1", "root2"], ["App"]),
    (["root1", "root2"], ["toplevel"]),
    (["root2", "root1"], ["toplevel"]),
    (["root1", "root2"], ["realpkg", "inner"]),
    (["root1", "root2"], ["app", "linked", "inner"]),
    (["root1", "root2"], ["ext", "fast"]),
    (["root1", "root2"], ["ext", "other"]),
    (["root1", "root2"], ["ext", "plain"]),
    (["root1", "root2"], ["app", "onlystub"]),
    (["root1", "root2"], ["stubonly_top"]),
    (["root1", "root2"], ["stubpkg"]),
    (["root1", "root2"], ["stubpkg", "m"]),
    (["root1", "root2"], ["onlyroot2"]),
    (["root1"], ["onlyroot2"]),
    (["root1", "root2"], ["app", "loop"]),
    (["root1", "root2"], ["app", "loopa", "x"]),
    (["root1", "root2"], ["app", "dirloop"]),
    (["root1", "root2"], ["app", "modpkg", "y"]),
    (["root1", "root2"], ["dash-dir"]),
    (["root1", "root2"], ["extpkg"]),
    (["root1", "root2"], ["bc", "only"]),
    (["root1", "root2"], ["bc", "both"]),
    (["root1", "root2"], ["mixed"]),
    (["root1", "root2"], ["mixed", "a"]),
]

# Runs in a fresh interpreter per case: sys.path is exactly the roots.
_PROBE = r"""
import importlib, importlib.util, json, sys
roots, importer, dots, names = json.loads(sys.argv[1])
sys.path[:] = roots
sys.dont_write_bytecode = True

def describe(name):
    spec = importlib.util.find_spec(name)
    if spec is None:
        return None
    if spec.origin and spec.origin.endswith(".so"):
        # A fake extension: record where CPython found it, do not load it.
        locs = spec.submodule_search_locations
        return {"name": name, "file": spec.origin, "path": list(locs) if locs is not None else None}
    mod = importlib.import_module(name)
    path = getattr(mod, "__path__", None)
    return {"name": name, "file": getattr(mod, "__file__", None), "path": list(path) if path is not None else None}

out = {"segs": [], "error": None, "base": None, "importer_file": None, "importer_package": None}
try:
    prefix = ""
    if dots:
        mod = importlib.import_module(importer)
        out["importer_file"] = mod.__file__
        out["importer_package"] = mod.__package__
        # The real statement, for CPython's own message about the dots.
        g = {"__package__": mod.__package__, "__name__": mod.__name__}
        __import__("", g, None, ["*"], dots)  # raises CPython's own error for the dots
        bits = mod.__package__.rsplit(".", dots - 1)
        prefix = bits[0]
        out["base"] = describe(prefix)
    for i in range(len(names)):
        full = ".".join(([prefix] if prefix else []) + names[: i + 1])
        try:
            d = describe(full)
        except ModuleNotFoundError:
            d = None  # find_spec words it differently from the import statement
        if d is None:
            try:
                importlib.import_module(full)
            except ModuleNotFoundError as e:
                out["error"] = str(e)
            break
        out["segs"].append(d)
except ImportError as e:
    out["error"] = str(e)
print(json.dumps(out))
"""


def gen_imports():
    def rel(p):
        if p is None:
            return None
        assert p.startswith(IMPORTS + os.sep), p
        return p[len(IMPORTS) + 1:]

    def fix(d):
        if d is None:
            return None
        return {"name": d["name"], "file": rel(d["file"]), "path": [rel(x) for x in d["path"]] if d["path"] is not None else None}

    cases = []
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH="", PYTHONSAFEPATH="1")
    for kind, items in (("relative", RELATIVE), ("absolute", [(r, None, 0, n) for r, n in ABSOLUTE])):
        for roots, importer, dots, names in items:
            arg = json.dumps([[os.path.join(IMPORTS, r) for r in roots], importer, dots, names])
            res = subprocess.run([sys.executable, "-I", "-c", _PROBE, arg], capture_output=True, text=True, env=env, cwd="/")
            if res.returncode != 0:
                raise SystemExit(res.stderr)
            out = json.loads(res.stdout)
            cases.append({
                "roots": roots, "importer": importer, "importer_file": rel(out["importer_file"]),
                "importer_package": out["importer_package"], "dots": dots, "names": names,
                "base": fix(out["base"]), "segs": [fix(s) for s in out["segs"]], "error": out["error"],
            })
    write_json("imports.json", {"python": sys.version.split()[0], "cases": cases})


if __name__ == "__main__":
    what = sys.argv[1:] or ["paths", "realpath", "imports"]
    if "paths" in what:
        gen_paths()
    if "realpath" in what and "gen_realpath" in globals():
        gen_realpath()
    if "imports" in what and "gen_imports" in globals():
        gen_imports()
