package imports

import (
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// TestSymlinkLoop checks that imports into a symlink loop (app/loop -> loop) end
// with CPython's errors, never a hang, in both flavours: `from .loop import x` is
// "No module named 'app.loop'", `from . import loop` is "cannot import name ...".
func TestSymlinkLoop(t *testing.T) {
	for _, env := range []importEnv{
		osImportEnv(t),
		memImportEnv(t, pathing.Posix, "/home/dev/ws"),
		memImportEnv(t, pathing.NT, `C:\Users\Dev\ws`),
	} {
		t.Run(env.name, func(t *testing.T) {
			src := "from .loop import x\nfrom . import loop\nimport app.loop\n"
			f := importFileWithSource(t, env.toPath("app/user.py"), src)
			wants := []string{
				"No module named 'app.loop'",
				"cannot import name 'loop' from 'app' (" + env.toPath("app/__init__.py") + ")",
				"No module named 'app.loop'",
			}
			for i, imp := range f.Module.Imports {
				res := Resolve(env.ix, f, imp)
				if len(res.Problems) != 1 || res.Problems[0].Msg != wants[i] {
					t.Errorf("line %d: problems %+v, want %q", i+1, res.Problems, wants[i])
				}
			}
			for _, off := range []uint32{6, 15, 20 + 15, 40 + 11} {
				if locs := Definition(env.ix, f, off); len(locs) != 0 {
					t.Errorf("offset %d: definition %v into a loop", off, locs)
				}
			}
		})
	}
}

// TestNotebookAndUntitled checks documents that are not files: a notebook cell's
// relative imports resolve from the notebook's folder (the lead passes
// "<folder>/__notebook_cell__.py"), an untitled document's do not resolve at all,
// and neither gets relative-import errors.
func TestNotebookAndUntitled(t *testing.T) {
	env := memImportEnv(t, pathing.Posix, "/home/dev/ws")
	src := "from .core import thing\nfrom .nowhere import x\nfrom app.core import thing as t2\n"
	cell := importFileWithSource(t, env.toPath("app/"+notebookCell), src)
	cell.Notebook = true
	locs := Definition(env.ix, cell, 20) // thing
	if len(locs) != 1 || locs[0].Path != env.toPath("app/core/impl.py") || importLocLine(locs[0]) != 5 {
		t.Errorf("notebook cell: definition of thing = %v", locs)
	}
	for _, imp := range cell.Module.Imports {
		if res := Resolve(env.ix, cell, imp); imp.Dots == 0 && len(res.Problems) != 0 {
			t.Errorf("notebook cell: %+v", res.Problems)
		}
	}
	untitled := importFileWithSource(t, "", src)
	if locs := Definition(env.ix, untitled, 20); len(locs) != 0 {
		t.Errorf("untitled: relative import resolved to %v", locs)
	}
	for _, imp := range untitled.Module.Imports {
		if res := Resolve(env.ix, untitled, imp); len(res.Problems) != 0 {
			t.Errorf("untitled: problems %+v", res.Problems)
		}
	}
	abs := strings.Index(src, "t2") - 4 // `thing` of the absolute import
	if locs := Definition(env.ix, untitled, uint32(abs)); len(locs) != 1 || locs[0].Path != env.toPath("app/core/impl.py") {
		t.Errorf("untitled: absolute import = %v", locs)
	}
}

// TestStubOnly checks a module that exists only as a .pyi stub: CPython cannot
// import it (unresolved-import in a .py file, nothing in a stub), and both
// definition and declaration go to the stub, the only file there is.
func TestStubOnly(t *testing.T) {
	mem := pathing.NewMemFS(pathing.Posix)
	if err := mem.AddTree(map[string]string{
		"/w/pkg/__init__.py":   "",
		"/w/pkg/fast.pyi":      "def speed() -> int: ...\n",
		"/w/pkg/user.py":       "from .fast import speed\n",
		"/w/pkg/user_stub.pyi": "from .fast import speed\n",
	}); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(mem, pathing.Posix)
	ix.SetRoots([]string{"/w"})
	for _, p := range []string{"/w/pkg/user.py", "/w/pkg/user_stub.pyi"} {
		f := openImportFile(t, ix, p)
		res := Resolve(ix, f, f.Module.Imports[0])
		wantProblems := 0
		if !f.IsStub() {
			wantProblems = 1
		}
		if len(res.Problems) != wantProblems {
			t.Errorf("%s: problems %+v", p, res.Problems)
		}
		for _, fn := range []func(*analysis.Index, *analysis.File, uint32) []Location{Definition, Declaration} {
			if locs := fn(ix, f, 7); len(locs) != 1 || locs[0].Path != "/w/pkg/fast.pyi" {
				t.Errorf("%s: segment fast -> %v", p, locs)
			}
			if locs := fn(ix, f, 19); len(locs) != 1 || locs[0].Path != "/w/pkg/fast.pyi" || importLocLine(locs[0]) != 1 {
				t.Errorf("%s: name speed -> %v", p, locs)
			}
		}
	}
}

// TestNTRootSpelling checks Windows paths whose roots are spelled in another case
// and with forward slashes (as clients send them) than the open file.
func TestNTRootSpelling(t *testing.T) {
	env := memImportEnv(t, pathing.NT, `C:\Users\Dev\ws`)
	env.ix.SetRoots([]string{`c:/users/dev/WS`, `c:/users/dev/WS/src`})
	f := openImportFile(t, env.ix, `C:\Users\Dev\ws\app\user.py`)
	locs := Definition(env.ix, f, f.Module.Lines.LineStart(3)+19) // thing, line 4
	if len(locs) != 1 || !strings.EqualFold(strings.ReplaceAll(locs[0].Path, "/", `\`), `C:\Users\Dev\ws\app\core\impl.py`) || importLocLine(locs[0]) != 5 {
		t.Errorf("definition of thing = %+v", locs)
	}
	res := Resolve(env.ix, f, f.Module.Imports[3])
	if len(res.Problems) != 0 {
		t.Errorf("problems %+v", res.Problems)
	}
}

// TestResolveNameAPI checks the functions other rules use for facts about other
// modules.
func TestResolveNameAPI(t *testing.T) {
	env := memImportEnv(t, pathing.Posix, "/home/dev/ws")
	f := openImportFile(t, env.ix, env.toPath("app/user.py"))

	m, bs := ResolveName(env.ix, f, "run", nil) // app.run -> core.thing -> impl.thing
	if m == nil || len(bs) != 1 || bs[0].Kind != analysis.BindDef || m.FunctionAt(bs[0].Def) == nil {
		t.Fatalf("ResolveName(run) = %v, %v", m, bs)
	}
	if m, bs := ResolveName(env.ix, f, "cu", nil); m == nil || bs != nil || m.TopLevel("f") == nil {
		t.Errorf("ResolveName(cu) = %v, %v, want the module util", m, bs)
	}
	if m, bs := ResolveName(env.ix, f, "only_sub_all", nil); m == nil || len(bs) != 1 || bs[0].Kind != analysis.BindAssign {
		t.Errorf("ResolveName(only_sub_all) through the star import = %v, %v", m, bs)
	}
	if m, bs := ResolveName(env.ix, f, "print", nil); m != nil || bs != nil {
		t.Errorf("ResolveName(print) = %v, %v, want nothing", m, bs)
	}
	tg, ok := ResolveNameTarget(env.ix, f, "LinkedKlass", nil)
	if !ok || tg.Path != env.toPath("app/linked/impl.py") || tg.File.Class("Klass") == nil {
		t.Errorf("ResolveNameTarget(LinkedKlass) = %+v, %v", tg, ok)
	}
	mod, path := ModuleOf(env.ix, f, f.Module.Imports[3]) // from .core.impl import ...
	if mod == nil || path != env.toPath("app/core/impl.py") || mod.Class("Klass") == nil {
		t.Errorf("ModuleOf = %v, %q", mod, path)
	}
	for _, a := range f.Module.Attrs {
		if a.Name == "f" && f.Module.Text(a.Object) == "util" {
			tg, ok := ResolveAttr(env.ix, f, a.Object, a.Name)
			if !ok || tg.Binding == nil || tg.Binding.Kind != analysis.BindDef || tg.Path != env.toPath("app/core/util.py") {
				t.Errorf("ResolveAttr(util.f) = %+v, %v", tg, ok)
			}
		}
	}
	res := Resolve(env.ix, f, f.Module.Imports[3])
	if res.Source == nil {
		t.Fatal("no source module")
	}
	if tg, ok := LookupIn(env.ix, *res.Source, "renamed"); !ok || tg.Path != env.toPath("app/core/deep.py") {
		t.Errorf("LookupIn(impl, renamed) = %+v, %v", tg, ok)
	}
}

// TestNoSource checks modules without Python source: a sourceless .pyc and an
// extension module. Their names are unknown (no missing-import-name), and
// definition has nowhere to go but a stub.
func TestNoSource(t *testing.T) {
	mem := pathing.NewMemFS(pathing.Posix)
	if err := mem.AddTree(map[string]string{
		"/w/pkg/__init__.py":                          "",
		"/w/pkg/comp.pyc":                             "\x00\x01binary x = 1",
		"/w/pkg/fast.cpython-311-x86_64-linux-gnu.so": "\x7fELF def speed",
		"/w/pkg/fast.pyi":                             "def speed() -> int: ...\n",
		"/w/pkg/user.py":                              "from .comp import x\nfrom .fast import speed, other\n",
	}); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(mem, pathing.Posix)
	ix.Resolver.SetExtensionSuffixes([]string{".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so"})
	ix.SetRoots([]string{"/w"})
	f := openImportFile(t, ix, "/w/pkg/user.py")
	for _, imp := range f.Module.Imports {
		if res := Resolve(ix, f, imp); len(res.Problems) != 0 || res.Source == nil {
			t.Errorf("%s: source %v, problems %+v", f.Module.Text(imp.Node), res.Source, res.Problems)
		}
	}
	if locs := Definition(ix, f, 7); len(locs) != 0 { // comp
		t.Errorf("definition of a .pyc module: %v", locs)
	}
	if locs := Definition(ix, f, 19); len(locs) != 0 { // x
		t.Errorf("definition of a name of a .pyc module: %v", locs)
	}
	if locs := Declaration(ix, f, 27); len(locs) != 1 || locs[0].Path != "/w/pkg/fast.pyi" { // fast
		t.Errorf("declaration of an extension module with a stub: %v", locs)
	}
	if locs := Definition(ix, f, 39); len(locs) != 1 || locs[0].Path != "/w/pkg/fast.pyi" || importLocLine(locs[0]) != 1 { // speed
		t.Errorf("definition of a name of an extension module with a stub: %v", locs)
	}
}

// TestDynamicNameGoesToModule checks that a name a module binds dynamically
// (globals() writes, module __getattr__) leads to that module, and that a name a
// module surely lacks leads nowhere.
func TestDynamicNameGoesToModule(t *testing.T) {
	mem := pathing.NewMemFS(pathing.Posix)
	if err := mem.AddTree(map[string]string{
		"/w/pkg/__init__.py": "globals().update({'made': 1})\n",
		"/w/pkg/lazy.py":     "def __getattr__(name):\n    return name\n",
		"/w/pkg/plain.py":    "x = 1\n",
		"/w/pkg/user.py":     "from . import made\nfrom .lazy import anything\nfrom .plain import nothing\n",
	}); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(mem, pathing.Posix)
	ix.SetRoots([]string{"/w"})
	f := openImportFile(t, ix, "/w/pkg/user.py")
	for _, c := range []struct {
		line, col int
		want      string
	}{{0, 15, "/w/pkg/__init__.py"}, {1, 19, "/w/pkg/lazy.py"}, {2, 20, ""}} {
		locs := Definition(ix, f, f.Module.Lines.LineStart(c.line)+uint32(c.col))
		switch {
		case c.want == "" && len(locs) != 0:
			t.Errorf("line %d: %v, want nothing", c.line+1, locs)
		case c.want != "" && (len(locs) != 1 || locs[0].Path != c.want || locs[0].Span != (analysis.Span{})):
			t.Errorf("line %d: %v, want the file %s", c.line+1, locs, c.want)
		}
	}
}

// TestImportProblems checks the rules' entry point: kinds filter the problems, and a
// name the module's text spells (here only in a comment) is not judged missing,
// while Resolve, which parses, knows better.
func TestImportProblems(t *testing.T) {
	mem := pathing.NewMemFS(pathing.Posix)
	if err := mem.AddTree(map[string]string{
		"/w/pkg/__init__.py": "",
		"/w/pkg/m.py":        "# ghost is mentioned here only\nreal = 1\n",
		"/w/pkg/user.py":     "from .m import ghost, absent, real\nfrom .nowhere import x\n",
	}); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(mem, pathing.Posix)
	ix.SetRoots([]string{"/w"})
	f := openImportFile(t, ix, "/w/pkg/user.py")
	msgs := func(ps []Problem) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Msg)
		}
		return out
	}
	missing := "cannot import name 'absent' from 'pkg.m' (/w/pkg/m.py)"
	if got := msgs(Problems(ix, f, f.Module.Imports[0])); len(got) != 1 || got[0] != missing {
		t.Errorf("Problems = %q, want only %q", got, missing)
	}
	if got := msgs(Resolve(ix, f, f.Module.Imports[0]).Problems); len(got) != 2 {
		t.Errorf("Resolve problems = %q, want ghost and absent", got)
	}
	if got := Problems(ix, f, f.Module.Imports[0], ProblemNotFound); len(got) != 0 {
		t.Errorf("Problems(NotFound) = %+v", got)
	}
	if got := msgs(Problems(ix, f, f.Module.Imports[1], ProblemNotFound)); len(got) != 1 || got[0] != "No module named 'pkg.nowhere'" {
		t.Errorf("Problems(NotFound) = %q", got)
	}
}
