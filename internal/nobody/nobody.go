// Package nobody lets a test that needs an unprivileged user (file permissions mean
// nothing to root) run as one: as root, Rerun runs the test binary again as the user
// nobody (with setpriv, from util-linux) and reports its result; otherwise it does
// nothing and the test goes on. No test is skipped for running as root.
package nobody

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Rerun, when the test runs as root, runs the tests matching pattern (a -test.run
// pattern naming the calling test) in a copy of the test binary as nobody, fails t if
// they fail, and returns true: the caller returns at once. As another user it returns
// false and the caller runs the test itself.
func Rerun(t *testing.T, pattern string) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Fatalf("running as root, and setpriv (util-linux) is not installed to run this test as nobody: %v", err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary lives in a folder only root may enter: copy it where nobody can.
	dir, err := os.MkdirTemp("", "pyward-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, filepath.Base(self))
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin,
		"-test.run="+pattern, "-test.v", "-test.count=1")
	cmd.Dir = wd // the package folder, readable by all, for tests that read testdata
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "TMPDIR="+os.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") || strings.Contains(string(out), "--- SKIP") {
		t.Fatalf("as nobody (%s -test.run=%s): %v\n%s", bin, pattern, err, out)
	}
	t.Logf("passed as nobody:\n%s", out)
	return true
}
