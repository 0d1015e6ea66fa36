package pathing

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type realpathGolden struct {
	Python string       `json:"python"`
	Tree   [][3]*string `json:"tree"`
	Cases  [][2]string  `json:"cases"`
}

func loadRealpathGolden(t *testing.T) realpathGolden {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "pathing", "golden", "realpath.json"))
	if err != nil {
		t.Fatalf("reading golden file (regenerate with python3 testdata/pathing/gen.py realpath): %v", err)
	}
	var g realpathGolden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Cases) < 500 {
		t.Fatalf("only %d realpath cases", len(g.Cases))
	}
	return g
}

// buildTree makes the golden tree under root with mkdir, write and symlink.
func buildTree(t *testing.T, g realpathGolden, root string, mkdir func(string) error, write func(string) error, symlink func(target, name string) error) {
	t.Helper()
	for _, e := range g.Tree {
		kind, name := *e[0], root+"/"+*e[1]
		var err error
		switch kind {
		case "dir":
			err = mkdir(name)
		case "file":
			if err = mkdir(Posix.Dirname(name)); err == nil {
				err = write(name)
			}
		case "link":
			if err = mkdir(Posix.Dirname(name)); err == nil {
				err = symlink(strings.ReplaceAll(*e[2], "$ROOT", root), name)
			}
		}
		if err != nil {
			t.Fatalf("building %s %s: %v", kind, name, err)
		}
	}
}

func checkRealpath(t *testing.T, g realpathGolden, fsys FS, root string) {
	t.Helper()
	bad := 0
	for _, c := range g.Cases {
		got, err := RealpathFS(fsys, root+"/"+c[0])
		if err != nil {
			t.Errorf("RealpathFS(%q): %v", c[0], err)
			continue
		}
		rel, err := Posix.Relpath(got, root)
		if err != nil || rel != c[1] {
			bad++
			if bad < 20 {
				t.Errorf("realpath(root/%s) = %s (relative %q); CPython %s says %q", c[0], got, rel, g.Python, c[1])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d disagree", bad, len(g.Cases))
	}
}

// TestRealpathOS rebuilds the generator's tree of links on the real
// filesystem and compares with os.path.realpath's recorded answers.
func TestRealpathOS(t *testing.T) {
	if Host.IsNT() {
		t.Skip("POSIX symlink tree; Realpath uses EvalSymlinks on Windows")
	}
	g := loadRealpathGolden(t)
	tmp, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root := tmp + "/root"
	buildTree(t, g, root,
		func(p string) error { return os.MkdirAll(p, 0o755) },
		func(p string) error { return os.WriteFile(p, []byte(p), 0o644) },
		os.Symlink)
	checkRealpath(t, g, OSFS, root)
	// The package-level Realpath is the same thing on the host.
	if got, err := Realpath(root + "/chain1/up/f"); err != nil || got != root+"/d/f" {
		t.Errorf("Realpath(chain1/up/f) = %q, %v", got, err)
	}
}

// TestRealpathMemFS runs the same tree in MemFS, which must behave as Linux.
func TestRealpathMemFS(t *testing.T) {
	g := loadRealpathGolden(t)
	m := NewMemFS(Posix)
	root := "/tmp/root"
	buildTree(t, g, root, m.Mkdir, func(p string) error { return m.WriteFile(p, []byte(p)) }, m.Symlink)
	checkRealpath(t, g, m, root)
}

func TestRealpathRelative(t *testing.T) {
	m := NewMemFS(Posix)
	if err := m.AddTree(map[string]string{"/w/a/": "", "/w/l": "-> a", "/w/a/f": "x", "/loop": "-> loop"}); err != nil {
		t.Fatal(err)
	}
	m.SetWd("/w")
	for _, tc := range [][2]string{{"l/f", "/w/a/f"}, {"", "/w"}, {".", "/w"}, {"..", "/"}, {"../loop/x", "/loop/x"}, {"l/../l", "/w/a"}} {
		if got, err := RealpathFS(m, tc[0]); err != nil || got != tc[1] {
			t.Errorf("RealpathFS(%q) = %q, %v; want %q", tc[0], got, err, tc[1])
		}
	}
}
