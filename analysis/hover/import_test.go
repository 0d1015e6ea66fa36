package hover

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

func TestImportHover(t *testing.T) {
	// positions in testdata/imports/ws/app/user.py (1-based line, byte column)
	cases := []struct {
		line, col int
		want      []string // substrings of the plain text; nil: no hover
	}{
		{5, 5, []string{"package app", "File: app/__init__.py"}},                              // the dot
		{5, 7, []string{"package app.core", "File: app/core/__init__.py"}},                    // core
		{5, 13, []string{"module app.core.impl", "File: app/core/impl.py"}},                   // impl
		{4, 19, []string{"function thing", "Defined in app/core/impl.py:5", "app.core.impl"}}, // re-exported name
		{6, 27, []string{"module app.core.only_sub", "File: app/core/only_sub.py"}},           // a name that is a submodule
		{10, 15, []string{"module app.beside.typed", "File: app/beside/typed.py", "Stub: app/beside/typed.pyi"}},
		{16, 6, []string{"namespace package nsp", "Folder: nsp"}},
		{19, 6, []string{"package srcpkg", "File: src/srcpkg/__init__.py"}}, // relative to the workspace, not src/
		{14, 25, []string{"module app.core.util"}},                          // the alias cu
		{9, 27, []string{"module app.core.starsrc"}},                        // the star
		{24, 1, nil}, // thing() below the imports: not an import
	}
	for _, env := range []importEnv{
		memImportEnv(t, pathing.Posix, "/home/dev/ws"),
		memImportEnv(t, pathing.NT, `C:\Users\Dev\ws`),
	} {
		t.Run(env.name, func(t *testing.T) {
			f := openImportFile(t, env.ix, env.toPath("app/user.py"))
			for _, c := range cases {
				off := f.Module.Lines.LineStart(c.line-1) + uint32(c.col)
				h, ok := Import(env.ix, f, off)
				if c.want == nil {
					if ok {
						t.Errorf("%d:%d: hover %q, want none", c.line, c.col, h.Plain)
					}
					continue
				}
				if !ok {
					t.Errorf("%d:%d: no hover, want %q", c.line, c.col, c.want)
					continue
				}
				if !(h.Span.Start <= off && off <= h.Span.End) {
					t.Errorf("%d:%d: hover span %v does not cover the cursor", c.line, c.col, h.Span)
				}
				for _, w := range c.want {
					if env.flavour.IsNT() {
						w = strings.ReplaceAll(w, "/", `\`)
					}
					if !strings.Contains(h.Plain, w) {
						t.Errorf("%d:%d: hover %q lacks %q", c.line, c.col, h.Plain, w)
					}
				}
				if !strings.Contains(h.Markdown, "```") {
					t.Errorf("%d:%d: markdown %q", c.line, c.col, h.Markdown)
				}
			}
		})
	}
}

// TestImportHoverInstalled checks that a module of the installed Python is shown
// relative to the sys.path folder that holds it.
func TestImportHoverInstalled(t *testing.T) {
	env := osImportEnv(t)
	if env.stdlib == "" {
		t.Skip("python3 is not on PATH")
	}
	f := openImportFile(t, env.ix, env.toPath("app/user.py"))
	off := f.Module.Lines.LineStart(19) + 8 // `json` of `import json.decoder`
	h, ok := Import(env.ix, f, off)
	if !ok || !strings.Contains(h.Plain, "File: json/__init__.py (in ") {
		t.Errorf("hover on json: %q, %v", h.Plain, ok)
	}
}

// The fixture workspace testdata/imports/ws, presented as analysis/imports' tests
// present it (the same helpers, for the import hover).

const importFixtureWS = "../../testdata/imports/ws"

var (
	importPythonOnce  sync.Once
	importPythonPaths []string // sys.path of python3 (existing folders), nil when absent
	importPythonStd   string   // sysconfig's stdlib folder
)

// python3Paths asks python3 once for its sys.path and stdlib folder.
func python3Paths() ([]string, string) {
	importPythonOnce.Do(func() {
		out, err := exec.Command("python3", "-c",
			"import sys, sysconfig, os; print(sysconfig.get_paths()['stdlib']); [print(p) for p in sys.path[1:] if os.path.isdir(p)]").Output()
		if err != nil {
			return
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		importPythonStd, importPythonPaths = lines[0], lines[1:]
	})
	return importPythonPaths, importPythonStd
}

// importEnv is one way of presenting the fixture workspace: its FS, flavour, root
// spelling and import roots.
type importEnv struct {
	name    string
	ix      *analysis.Index
	root    string // the workspace folder as spelled in roots
	stdlib  string // "" when the installed Python is not available
	flavour pathing.Flavour
}

// toPath spells a path of expected.json in env.
func (e importEnv) toPath(rel string) string {
	if strings.HasPrefix(rel, "$STDLIB/") {
		return filepath.Join(e.stdlib, filepath.FromSlash(strings.TrimPrefix(rel, "$STDLIB/")))
	}
	if e.flavour.IsNT() {
		return e.root + `\` + strings.ReplaceAll(rel, "/", `\`)
	}
	return e.root + "/" + rel
}

func osImportEnv(t *testing.T) importEnv {
	abs, err := filepath.Abs(importFixtureWS)
	if err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(pathing.OSFS, pathing.Posix)
	roots := []string{abs, abs + "/src"}
	paths, std := python3Paths()
	roots = append(roots, paths...)
	ix.SetRoots(roots)
	return importEnv{name: "posix-os", ix: ix, root: abs, stdlib: std, flavour: pathing.Posix}
}

// memImportEnv copies the fixture workspace (files and symlinks) into a MemFS of
// flavour fl under root.
func memImportEnv(t *testing.T, fl pathing.Flavour, root string) importEnv {
	return memImportEnvFrom(t, importFixtureWS, fl, root)
}

// memImportEnvFrom is memImportEnv for the workspace folder dir.
func memImportEnvFrom(t *testing.T, dir string, fl pathing.Flavour, root string) importEnv {
	mem := pathing.NewMemFS(fl)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return mem.Mkdir(root)
		}
		name := fl.Join(root, strings.ReplaceAll(rel, "/", fl.Sep()))
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return mem.Symlink(strings.ReplaceAll(target, "/", fl.Sep()), name)
		case d.IsDir():
			return mem.Mkdir(name)
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return mem.WriteFile(name, data)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(mem, fl)
	ix.SetRoots([]string{root, fl.Join(root, "src")})
	return importEnv{name: fl.String() + "-memfs", ix: ix, root: root, flavour: fl}
}

// openImportFile parses the file at path in env's FS.
func openImportFile(t testing.TB, ix *analysis.Index, path string) *analysis.File {
	t.Helper()
	src, err := ix.FS.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := syntax.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return &analysis.File{Path: path, Module: analysis.Build(tree)}
}

// TestImportedNameHover checks the hover on uses of imported names in
// testdata/imports/ws/app/user.py: the definition's signature (the stub's when the
// module has one), its file, and none on names that are not imported.
func TestImportedNameHover(t *testing.T) {
	cases := []struct {
		line, col int
		want      []string // substrings of the plain text; nil: no hover
	}{
		{24, 1, []string{"function thing()", "Defined in app/core/impl.py:5", "module app.core.impl"}},
		{25, 0, []string{"function thing()"}}, // the alias t2
		{26, 2, []string{"class Klass", "app/core/impl.py:9"}},
		{40, 1, []string{"function both(x: int) -> int", "Signature from app/beside/typed.pyi", "Defined in app/beside/typed.py:1"}},
		{31, 7, []string{"function thing()"}}, // core.thing: an attribute of an imported module
		{28, 0, []string{"module app.core.util"}},
		{27, 2, nil}, // print: a builtin
	}
	env := memImportEnv(t, pathing.Posix, "/home/dev/ws")
	f := openImportFile(t, env.ix, env.toPath("app/user.py"))
	for _, c := range cases {
		off := f.Module.Lines.LineStart(c.line-1) + uint32(c.col)
		h, ok := ImportedName(env.ix, f, off)
		if c.want == nil {
			if ok {
				t.Errorf("%d:%d: hover %q, want none", c.line, c.col, h.Plain)
			}
			continue
		}
		if !ok {
			t.Errorf("%d:%d: no hover, want %q", c.line, c.col, c.want)
			continue
		}
		if !(h.Span.Start <= off && off <= h.Span.End) {
			t.Errorf("%d:%d: hover span %v does not cover the cursor", c.line, c.col, h.Span)
		}
		for _, w := range c.want {
			if !strings.Contains(h.Plain, w) {
				t.Errorf("%d:%d: hover %q lacks %q", c.line, c.col, h.Plain, w)
			}
		}
	}
}

func TestSignatureOneLine(t *testing.T) {
	src := "def f(\n    a: int,  # the first\n    b=2,\n) -> 'X':\n    '''Doc.'''\n"
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := analysis.Build(tree)
	b := m.Scope.Bindings.Lookup("f")[0]
	if got, want := signatureOf(m, b), "function f(a: int, b=2) -> 'X'"; got != want {
		t.Errorf("signature %q, want %q", got, want)
	}
	if got := docstringOf(m, b); got != "Doc." {
		t.Errorf("docstring %q", got)
	}
}
