package interpreter

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pyward/pyward/analysis/diskcache"
)

// TestRealPython asks python3 (CI installs it: CPython is the oracle) and compares the
// answer with what python3 prints itself.
func TestRealPython(t *testing.T) {
	cache, _ := diskcache.Open(t.TempDir(), "interpreters")
	info, err := Query(context.Background(), "python3", Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", "-I", "-c",
		"import sys, os; print(sys.version.split()[0]); print(sys.platform); print(os.name); print(sys.executable); print(sys.implementation.name); print('\\n'.join(p for p in sys.path if p))").Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if got := info.Version.String(); got != lines[0] {
		t.Errorf("version %s, python3 says %s", got, lines[0])
	}
	if info.Platform != lines[1] || info.OSName != lines[2] || info.Executable != lines[3] || info.Implementation != lines[4] {
		t.Errorf("got %+v, python3 says %q", info, lines[1:5])
	}
	if got, want := strings.Join(info.SysPath, "\n"), strings.Join(lines[5:], "\n"); got != want {
		t.Errorf("sys.path\n%s\npython3 says\n%s", got, want)
	}
	if !info.Version.AtLeast(3, 0) || info.Version.AtLeast(info.Version.Major, info.Version.Minor+1) {
		t.Errorf("AtLeast is wrong for %v", info.Version)
	}
	again, ok := Cached("python3", Options{Cache: cache})
	if !ok || fmt.Sprint(again) != fmt.Sprint(info) {
		t.Errorf("Cached = %+v, %v; want the answer just given", again, ok)
	}
}

// fake writes an interpreter: a shell script that counts its runs in dir/runs and
// prints body's output.
func fake(t *testing.T, dir, body string) string {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Fatal("the fake interpreters need sh")
	}
	p := filepath.Join(dir, "python")
	text := "#!/bin/sh\necho run >> " + filepath.Join(dir, "runs") + "\n" + body + "\n"
	if err := os.WriteFile(p, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func runs(t *testing.T, dir string) int {
	data, _ := os.ReadFile(filepath.Join(dir, "runs"))
	return strings.Count(string(data), "run")
}

func answerJSON(sitePackages string) string {
	return fmt.Sprintf(`echo '{"executable": "/usr/bin/python3.12", "sys_path": ["", "%s"], "version": [3, 12, 1, "candidate", 2], "platform": "linux", "os_name": "posix", "implementation": "cpython"}'`, sitePackages)
}

func TestCacheRefreshes(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site-packages")
	if err := os.Mkdir(site, 0o755); err != nil {
		t.Fatal(err)
	}
	py := fake(t, dir, answerJSON(site))
	cache, _ := diskcache.Open(t.TempDir(), "interpreters")
	opt := Options{Cache: cache}
	ask := func(wantRuns int, why string) Info {
		t.Helper()
		info, err := Query(context.Background(), py, opt)
		if err != nil {
			t.Fatalf("%s: %v", why, err)
		}
		if got := runs(t, dir); got != wantRuns {
			t.Fatalf("%s: the interpreter ran %d times, want %d", why, got, wantRuns)
		}
		return info
	}
	info := ask(1, "first query")
	if info.Version.String() != "3.12.1rc2" || len(info.SysPath) != 1 || info.SysPath[0] != site {
		t.Fatalf("parsed %+v", info)
	}
	ask(1, "second query (cached)")

	// The interpreter changes: asked again.
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(py, later, later); err != nil {
		t.Fatal(err)
	}
	ask(2, "after the interpreter changed")
	ask(2, "cached again")

	// A .pth file lands in site-packages: the folder's time changes, asked again.
	if err := os.WriteFile(filepath.Join(site, "x.pth"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(site, later.Add(time.Minute), later.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	ask(3, "after site-packages changed")

	// A shim's choice depends on PYENV_VERSION.
	t.Setenv("PYENV_VERSION", "3.13.0")
	ask(4, "after PYENV_VERSION changed")

	// Corrupt entries are misses, then repaired.
	k, err := keyOf(py, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := cache.Put(k.text, []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	ask(5, "after the entry was corrupted")
	ask(5, "after the entry was repaired")

	// Without a cache every query runs the interpreter.
	opt.Cache = diskcache.Cache{}
	ask(6, "cache off")
	ask(7, "cache off, again")
	if _, ok := Cached(py, opt); ok {
		t.Error("Cached hit with the cache off")
	}
}

// TestVirtualEnvironmentIsItsOwnInterpreter: a venv's python links to the base
// interpreter but answers a different sys.path, so it has an entry of its own.
func TestVirtualEnvironmentIsItsOwnInterpreter(t *testing.T) {
	dir := t.TempDir()
	py := fake(t, dir, answerJSON(dir))
	venv := filepath.Join(t.TempDir(), "python")
	if err := os.Symlink(py, venv); err != nil {
		t.Fatal(err)
	}
	opt := Options{}
	opt.Cache, _ = diskcache.Open(t.TempDir(), "interpreters")
	for _, p := range []string{py, venv, py, venv} {
		if _, err := Query(context.Background(), p, opt); err != nil {
			t.Fatal(err)
		}
	}
	if got := runs(t, dir); got != 2 {
		t.Errorf("ran %d times for two interpreters asked twice each, want 2", got)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, python, want string
		notFound           bool
	}{
		{"not on PATH", "pyward-no-such-python", "not found on PATH", true},
		{"no such file", filepath.Join(dir, "missing", "python3"), "not found", true},
		{"a folder", dir, "is a folder", false},
		{"fails", fake(t, t.TempDir(), "echo 'Unknown option: -I' >&2; exit 2"), "exit status 2: Unknown option: -I", false},
		{"garbage", fake(t, t.TempDir(), "echo hello"), `unexpected answer "hello"`, false},
		{"slow", fake(t, t.TempDir(), "exec sleep 5"), "no answer within", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := Query(context.Background(), c.python, Options{Timeout: 300 * time.Millisecond})
			var e *Error
			if !errors.As(err, &e) || e.Python != c.python {
				t.Fatalf("err = %v, want an *Error for %q", err, c.python)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "cannot ask the Python interpreter") {
				t.Errorf("err = %q, want it to say %q", err, c.want)
			}
			if errors.Is(err, ErrNotFound) != c.notFound {
				t.Errorf("errors.Is(err, ErrNotFound) = %v, want %v", !c.notFound, c.notFound)
			}
			if time.Since(start) > 4*time.Second {
				t.Errorf("took %v: the timeout did not stop it", time.Since(start))
			}
		})
	}
}

func TestParse(t *testing.T) {
	cases := []struct {
		out  string
		want string
		ok   bool
	}{
		{`{"executable": "/p", "sys_path": ["/a", "", "/b"], "version": [3, 8, 10, "final", 0], "platform": "win32", "os_name": "nt", "implementation": "cpython"}`, "3.8.10 win32 nt [/a /b]", true},
		{`{"version": [3, 14, 0, "alpha", 3]}`, "3.14.0a3   []", true},
		{`{"version": [3, 13, 0, "beta", 1]}`, "3.13.0b1   []", true},
		{`{"version": [3, 12]}`, "", false},
		{`[]`, "", false},
		{``, "", false},
	}
	for _, c := range cases {
		info, err := parse([]byte(c.out))
		if (err == nil) != c.ok {
			t.Errorf("parse(%q) err = %v", c.out, err)
			continue
		}
		if got := fmt.Sprintf("%s %s %s %v", info.Version, info.Platform, info.OSName, info.SysPath); c.ok && got != c.want {
			t.Errorf("parse(%q) = %q, want %q", c.out, got, c.want)
		}
	}
}
