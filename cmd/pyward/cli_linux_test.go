package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyward/pyward/internal/nobody"
)

// openPTY returns the two ends of a new pseudo-terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// TestNoArgsOnATerminal: plain `pyward` at a terminal prints the usage (exit 2) instead
// of waiting for LSP messages; with a pipe or /dev/null it serves (and ends at EOF).
func TestNoArgsOnATerminal(t *testing.T) {
	_, tty := openPTY(t)
	if !isTerminal(tty) {
		t.Fatal("isTerminal(pty) = false")
	}
	var out, errb bytes.Buffer
	if status := run(nil, tty, &out, &errb); status != 2 || !strings.Contains(errb.String(), "pyward check [flags] PATH...") {
		t.Fatalf("pyward at a terminal: status %d, stderr %q", status, errb.String())
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Fatal("isTerminal(/dev/null) = true: /dev/null is a character device, not a terminal")
	}
	errb.Reset()
	run(nil, null, &out, &errb)
	if strings.Contains(errb.String(), "usage") {
		t.Fatalf("pyward < /dev/null printed the usage instead of serving: %s", errb.String())
	}
}

// TestUnreadable: a folder or file inside the checked tree that cannot be read is
// reported on stderr and makes the exit status 2; the rest is still checked. Root reads
// everything, so as root the test re-runs itself as nobody.
func TestUnreadable(t *testing.T) {
	if nobody.Rerun(t, "^TestUnreadable$") {
		return
	}
	root := writeTree(t, map[string]string{
		"ok.py":         "x = 1\n",
		"locked/a.py":   "x = 1\n",
		"secret.py":     "x = 1\n",
		"deeper/ok2.py": "def f(:\n",
	})
	for _, p := range []string{"locked", "secret.py"} {
		if err := os.Chmod(filepath.Join(root, p), 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(filepath.Join(root, p), 0o755)
	}
	stdout, stderr, status := runIn(t, root, "check", "--python", "-", ".")
	if status != 2 {
		t.Errorf("status %d, want 2", status)
	}
	for _, want := range []string{"locked: permission denied", "secret.py: permission denied"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "ok2.py:1:") {
		t.Errorf("the readable files were not checked:\n%s", stdout)
	}
}
