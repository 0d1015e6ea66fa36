package pathing

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

type importSeg struct {
	Name string   `json:"name"`
	File *string  `json:"file"`
	Path []string `json:"path"`
}

type importCase struct {
	Roots           []string    `json:"roots"`
	Importer        *string     `json:"importer"`
	ImporterFile    *string     `json:"importer_file"`
	ImporterPackage *string     `json:"importer_package"`
	Dots            int         `json:"dots"`
	Names           []string    `json:"names"`
	Base            *importSeg  `json:"base"`
	Segs            []importSeg `json:"segs"`
	Error           *string     `json:"error"`
}

func loadImportGolden(t *testing.T) (string, []importCase) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "pathing", "golden", "imports.json"))
	if err != nil {
		t.Fatalf("reading golden file (regenerate with python3 testdata/pathing/gen.py imports): %v", err)
	}
	var g struct {
		Cases []importCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	fix, err := filepath.Abs(filepath.Join("..", "testdata", "pathing", "imports"))
	if err != nil {
		t.Fatal(err)
	}
	return fix, g.Cases
}

// expectModule turns CPython's record into the Module pyward must report,
// with the stub looked up on disk beside the file.
func expectModule(fix string, s importSeg) Module {
	m := Module{Name: s.Name}
	if s.File != nil {
		m.Path = fix + "/" + *s.File
	}
	for _, d := range s.Path {
		m.Dirs = append(m.Dirs, fix+"/"+d)
	}
	stub := ""
	switch {
	case m.Path != "":
		dir, base := Posix.Split(m.Path)
		stub = dir + "/" + base[:strings.IndexByte(base, '.')] + ".pyi"
		m.Kind = KindModule
		if strings.HasPrefix(base, "__init__.") {
			m.Kind = KindPackage
		} else if strings.HasSuffix(base, ".so") {
			m.Kind = KindExtension
		}
	default:
		m.Kind = KindNamespace
		stub = m.Dirs[0] + "/__init__.pyi"
	}
	if fi, err := os.Stat(stub); err == nil && fi.Mode().IsRegular() {
		m.Stub = stub
	}
	return m
}

func checkImportCase(t *testing.T, fix string, c importCase, roots []string, base Module, segs []Module, err error) {
	t.Helper()
	what := strings.Repeat(".", c.Dots) + strings.Join(c.Names, ".")
	if c.Importer != nil {
		what = *c.Importer + ": " + what
	}
	switch {
	case c.Error == nil && err != nil:
		t.Errorf("%s: error %v, CPython imports it", what, err)
	case c.Error != nil && err == nil:
		t.Errorf("%s: no error, CPython says %q", what, *c.Error)
	case c.Error != nil && err.Error() != *c.Error:
		t.Errorf("%s: error %q, CPython says %q", what, err.Error(), *c.Error)
	}
	if c.Base != nil {
		if want := expectModule(fix, *c.Base); !reflect.DeepEqual(base, want) {
			t.Errorf("%s: base\n got %+v\nwant %+v", what, base, want)
		}
	}
	var importable []Module
	for i, s := range segs {
		if s.Importable() {
			importable = append(importable, s)
			continue
		}
		if i != len(segs)-1 || err == nil || s.Stub == "" || s.Path != "" {
			t.Errorf("%s: segment %d %+v not importable yet not a trailing stub-only failure", what, i, s)
		}
	}
	var want []Module
	for _, s := range c.Segs {
		want = append(want, expectModule(fix, s))
	}
	if !reflect.DeepEqual(importable, want) {
		t.Errorf("%s: segments\n got %+v\nwant %+v", what, importable, want)
	}
}

// TestResolveGolden holds the resolver to CPython's import system on the
// fixture workspace (real files and symlinks, read through OSFS).
func TestResolveGolden(t *testing.T) {
	if Host.IsNT() {
		t.Skip("fixture paths are POSIX")
	}
	fix, cases := loadImportGolden(t)
	r := NewResolver(Posix, OSFS)
	r.SetExtensionSuffixes([]string{".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so"})
	stubOnly := 0
	for _, c := range cases {
		roots := make([]string, len(c.Roots))
		for i, root := range c.Roots {
			roots[i] = fix + "/" + root
		}
		if c.Dots == 0 {
			segs, err := r.ResolveAbsolute(c.Names, roots)
			checkImportCase(t, fix, c, roots, Module{}, segs, err)
			if n := len(segs); n > 0 && !segs[n-1].Importable() {
				stubOnly++
			}
			continue
		}
		importer := fix + "/" + *c.ImporterFile
		base, segs, err := r.ResolveRelative(importer, c.Dots, c.Names, roots)
		checkImportCase(t, fix, c, roots, base, segs, err)
		if n := len(segs); n > 0 && !segs[n-1].Importable() {
			stubOnly++
		}
		if name, ok := r.ModuleName(importer, roots); !ok || name != *c.Importer {
			t.Errorf("ModuleName(%s) = %q, %v; CPython named it %q", importer, name, ok, *c.Importer)
		}
		var ie *ImportError
		if c.Error != nil && strings.HasPrefix(*c.Error, "attempted relative import") {
			if !errorsAs(err, &ie) || ie.Kind != ErrBeyondTopLevel || ie.Segment != -1 {
				t.Errorf("%s: %#v is not ErrBeyondTopLevel", *c.Importer, err)
			}
		} else if c.Error != nil {
			if !errorsAs(err, &ie) || ie.Kind != ErrNotFound || ie.Segment < 0 || ie.Segment >= len(c.Names) {
				t.Errorf("%s: %#v is not ErrNotFound with a segment", *c.Importer, err)
			}
		}
		// Under no root, the package chain of __init__ files gives the same
		// answer for packages wholly inside root1.
		top := strings.Split(*c.Importer, ".")[0]
		if c.Roots[0] == "root1" && (top == "app" || top == "realpkg" || top == "ext") {
			base2, segs2, err2 := r.ResolveRelative(importer, c.Dots, c.Names, nil)
			if errString(err2) != errString(err) || !reflect.DeepEqual(base2, base) || !reflect.DeepEqual(segs2, segs) {
				t.Errorf("%s %s: without roots got %+v %+v %v; with roots %+v %+v %v", *c.Importer, c.Names, base2, segs2, err2, base, segs, err)
			}
		}
	}
	if stubOnly < 2 {
		t.Errorf("expected the stub-only cases to yield stub segments, got %d", stubOnly)
	}
	if len(cases) < 60 {
		t.Errorf("only %d import cases", len(cases))
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
