package analysis

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pyward/pyward/pathing"
)

// TestIndexKeyIsTheRealpath: the key of a file is its realpath whether the file, a
// folder above it, or nothing is a symbolic link, as pathing.RealpathFS computes it
// path by path, also after a folder link is pointed elsewhere and invalidated (the
// folders' realpaths are cached).
func TestIndexKeyIsTheRealpath(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mk := func(p string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk(filepath.Join(root, "real", "pkg", "mod.py"))
	mk(filepath.Join(root, "other", "pkg", "mod.py"))
	link := func(target, at string) {
		if err := os.Symlink(target, at); err != nil {
			t.Fatalf("symlink: %v", err)
		}
	}
	link(filepath.Join(root, "real"), filepath.Join(root, "dirlink"))
	link(filepath.Join(root, "real", "pkg", "mod.py"), filepath.Join(root, "real", "pkg", "filelink.py"))
	link("../real/pkg", filepath.Join(root, "other", "rel"))

	ix := NewIndex(pathing.OSFS, pathing.Posix)
	paths := []string{
		filepath.Join(root, "real", "pkg", "mod.py"),
		filepath.Join(root, "dirlink", "pkg", "mod.py"),
		filepath.Join(root, "real", "pkg", "filelink.py"),
		filepath.Join(root, "dirlink", "pkg", "filelink.py"),
		filepath.Join(root, "other", "rel", "mod.py"),
		filepath.Join(root, "other", "pkg", "mod.py"),
		filepath.Join(root, "real", "pkg", "..", "pkg", "mod.py"),
		filepath.Join(root, "dirlink", "pkg", "missing.py"),
	}
	check := func() {
		t.Helper()
		for _, p := range paths {
			want, err := pathing.RealpathFS(pathing.OSFS, p)
			if err != nil {
				t.Fatal(err)
			}
			ix.mu.Lock()
			got := ix.key(p)
			ix.mu.Unlock()
			if got != want {
				t.Errorf("key(%s) = %s, want %s", p, got, want)
			}
		}
	}
	check()
	check() // from the caches
	// dirlink now points at other/: after Invalidate the keys follow it
	if err := os.Remove(filepath.Join(root, "dirlink")); err != nil {
		t.Fatal(err)
	}
	link(filepath.Join(root, "other"), filepath.Join(root, "dirlink"))
	ix.Invalidate(filepath.Join(root, "dirlink"))
	check()
}
