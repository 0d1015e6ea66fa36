package pygen

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestHugeCompiles: CPython compiles the generated module, and the offsets name what
// Huge says.
func TestHugeCompiles(t *testing.T) {
	src, use, def := Huge(200_000)
	if len(src) < 200_000 {
		t.Fatalf("len = %d", len(src))
	}
	if !bytes.HasPrefix(src[use:], []byte("Widget1(0)")) || !bytes.HasPrefix(src[def:], []byte("Widget1(Base)")) {
		t.Fatalf("offsets: use %q, def %q", src[use:use+10], src[def:def+13])
	}
	p := filepath.Join(t.TempDir(), "huge.py")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	compile(t, p)
}

// TestTreeCompiles: every file of a tree compiles, and the tree has n files.
func TestTreeCompiles(t *testing.T) {
	dir := t.TempDir()
	paths, err := Tree(dir, 620)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 620 {
		t.Fatalf("%d files", len(paths))
	}
	found := 0
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			found++
		}
		return nil
	})
	if found != 620 {
		t.Fatalf("%d files on disk", found)
	}
	compile(t, paths...)
}

func compile(t *testing.T, paths ...string) {
	t.Helper()
	args := append([]string{"-c", "import sys\nfor p in sys.argv[1:]:\n    compile(open(p).read(), p, 'exec')"}, paths...)
	if out, err := exec.Command("python3", args...).CombinedOutput(); err != nil {
		t.Fatalf("python3 does not compile the output: %v\n%s", err, out)
	}
}
