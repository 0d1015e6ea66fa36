package imports

import (
	"encoding/json"
	"fmt"
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

// importCase is one expectation of testdata/imports/expected.json (written by
// testdata/imports/gen.py from CPython's own import system).
type importCase struct {
	File string     `json:"file"`
	Line int        `json:"line"`
	Col  int        `json:"col"`
	What string     `json:"what"`
	Def  *importLoc `json:"def"`
	Decl *importLoc `json:"decl"`
}

type importLoc struct {
	Path string `json:"path"`
	Line int    `json:"line"`
}

const importFixtureWS = "../../testdata/imports/ws"

func loadImportCases(t *testing.T) []importCase {
	t.Helper()
	return loadImportCasesFrom(t, "../../testdata/imports/expected.json")
}

func loadImportCasesFrom(t *testing.T, file string) []importCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Cases []importCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) == 0 {
		t.Fatal("no cases in expected.json")
	}
	return doc.Cases
}

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

// importLocLine is a location as expected.json writes it: the path and the 1-based line,
// 0 for "the file itself".
func importLocLine(l Location) int {
	if l.Lines == nil || l.Span == (analysis.Span{}) {
		return 0
	}
	return int(l.Lines.Position(l.Span.Start, analysis.UTF8).Line) + 1
}

// checkImportCase runs Definition and Declaration for c in env on the open file f
// and says what is wrong, or "".
func checkImportCase(env importEnv, f *analysis.File, c importCase) string {
	off := f.Module.Lines.LineStart(c.Line-1) + uint32(c.Col)
	var problems []string
	for _, mode := range []struct {
		name string
		fn   func(*analysis.Index, *analysis.File, uint32) []Location
		want *importLoc
	}{{"definition", Definition, c.Def}, {"declaration", Declaration, c.Decl}} {
		got := mode.fn(env.ix, f, off)
		switch {
		case mode.want == nil && len(got) != 0:
			problems = append(problems, fmt.Sprintf("%s = %s:%d, want nothing", mode.name, got[0].Path, importLocLine(got[0])))
		case mode.want == nil:
		case len(got) == 0:
			problems = append(problems, fmt.Sprintf("%s = nothing, want %s:%d", mode.name, env.toPath(mode.want.Path), mode.want.Line))
		case got[0].Path != env.toPath(mode.want.Path) || importLocLine(got[0]) != mode.want.Line:
			problems = append(problems, fmt.Sprintf("%s = %s:%d, want %s:%d", mode.name, got[0].Path, importLocLine(got[0]), env.toPath(mode.want.Path), mode.want.Line))
		}
	}
	if len(problems) == 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d %s: %s", c.File, c.Line, c.Col, c.What, strings.Join(problems, "; "))
}

// TestDefinitionFixtures checks Definition and Declaration on every import part and
// every use of an imported name of the fixture workspace against what CPython does,
// on the real filesystem (with its symlinks), and on MemFS in both flavours
// (Windows paths through the NT flavour: a drive, a UNC share, a \\?\ path).
func TestDefinitionFixtures(t *testing.T) {
	cases := loadImportCases(t)
	envs := []importEnv{
		osImportEnv(t),
		memImportEnv(t, pathing.NT, `C:\Users\Dev\ws`),
		memImportEnv(t, pathing.NT, `\\server\share\ws`),
		memImportEnv(t, pathing.NT, `\\?\D:\long\ws`),
		memImportEnv(t, pathing.Posix, "/home/dev/ws"),
	}
	for _, env := range envs {
		t.Run(env.name, func(t *testing.T) {
			files := map[string]*analysis.File{}
			for _, c := range cases {
				if c.Def != nil && strings.HasPrefix(c.Def.Path, "$STDLIB/") && env.stdlib == "" {
					continue
				}
				if files[c.File] == nil {
					files[c.File] = openImportFile(t, env.ix, env.toPath(c.File))
				}
				if msg := checkImportCase(env, files[c.File], c); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

// TestDefinitionConcurrent runs every fixture case from several goroutines at once
// on one cold index (run it with -race): lazy parsing and the resolver's caches must
// be safe and give the same answers.
func TestDefinitionConcurrent(t *testing.T) {
	cases := loadImportCases(t)
	env := memImportEnv(t, pathing.Posix, "/home/dev/ws")
	f := openImportFile(t, env.ix, env.toPath("app/user.py"))
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(cases))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range cases {
				c := cases[(i+g*7)%len(cases)]
				if c.Def != nil && strings.HasPrefix(c.Def.Path, "$STDLIB/") || c.File != "app/user.py" {
					continue
				}
				if msg := checkImportCase(env, f, c); msg != "" {
					errs <- msg
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

// TestDefinitionPackageRoot checks a workspace folder that is itself a regular
// package (testdata/imports/pkgroot, the only import root): CPython imports it from
// its parent, so its relative imports resolve and raise nothing
// (expected_pkgroot.json is generated with sys.path = the parent).
func TestDefinitionPackageRoot(t *testing.T) {
	cases := loadImportCasesFrom(t, "../../testdata/imports/expected_pkgroot.json")
	abs, err := filepath.Abs("../../testdata/imports/pkgroot")
	if err != nil {
		t.Fatal(err)
	}
	osEnv := importEnv{name: "posix-os", ix: analysis.NewIndex(pathing.OSFS, pathing.Posix), root: abs, flavour: pathing.Posix}
	envs := []importEnv{
		osEnv,
		memImportEnvFrom(t, "../../testdata/imports/pkgroot", pathing.NT, `C:\proj\pkgroot`),
		memImportEnvFrom(t, "../../testdata/imports/pkgroot", pathing.Posix, "/proj/pkgroot"),
	}
	for _, env := range envs {
		env.ix.SetRoots([]string{env.root})
		t.Run(env.name, func(t *testing.T) {
			f := openImportFile(t, env.ix, env.toPath("user.py"))
			for _, c := range cases {
				if msg := checkImportCase(env, f, c); msg != "" {
					t.Error(msg)
				}
			}
			for _, imp := range f.Module.Imports {
				if res := Resolve(env.ix, f, imp); len(res.Problems) != 0 {
					t.Errorf("%s: %+v", f.Module.Text(imp.Node), res.Problems)
				}
			}
		})
	}
}
