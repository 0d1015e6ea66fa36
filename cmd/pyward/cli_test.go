package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runIn runs the command in-process in dir and returns its output and status.
func runIn(t *testing.T, dir string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	if dir != "" {
		chdir(t, dir)
	}
	var out, errb bytes.Buffer
	status = run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), status
}

// chdir changes the working folder until the test ends (t.Chdir needs Go 1.24).
func chdir(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(old) })
}

// TestCLI: the command line as ruff and mypy users expect it.
func TestCLI(t *testing.T) {
	root := writeTree(t, map[string]string{
		"src/a.py":   "x = 1\n",
		"src/bad.py": "def f(:\n    pass\n",
	})
	cases := []struct {
		name   string
		args   []string
		status int
		stdout []string
		stderr []string
	}{
		{"flags after paths", []string{"check", "src", "--format", "json", "--python", "-"}, 1, []string{`"rule": "syntax-error"`}, nil},
		{"flags before and after", []string{"check", "--python", "-", "src", "--select=syntax-error"}, 1, []string{"syntax-error"}, nil},
		{"-- ends the flags", []string{"check", "--python", "-", "--", "src/a.py"}, 0, nil, nil},
		{"unknown command", []string{"chek", "src/"}, 2, nil, []string{`unknown command "chek" (did you mean "check"?)`}},
		{"a path as a command", []string{"src"}, 2, nil, []string{"pyward check src"}},
		{"unknown flag", []string{"check", "src", "--frmat", "json"}, 2, nil, []string{"unknown flag --frmat (did you mean --format?)", "pyward check --help"}},
		{"flag of another command", []string{"--format", "json"}, 2, nil, []string{"unknown flag --format (it is a flag of 'pyward check')"}},
		{"unknown format", []string{"check", "src", "--format", "jsn"}, 2, nil, []string{`did you mean "json"?`}},
		{"unknown rule", []string{"check", "src", "--select", "missing-awiat"}, 2, nil, []string{`did you mean "missing-await"?`}},
		{"missing flag value", []string{"check", "src", "--format"}, 2, nil, []string{"flag needs an argument: --format"}},
		{"diff without fix", []string{"check", "src", "--diff"}, 2, nil, []string{"--diff"}},
		{"serve takes no paths", []string{"serve", "src"}, 2, nil, []string{"unexpected argument"}},
		{"help", []string{"help"}, 0, []string{"--select", "--python", "--exclude", "--log-level", "(default: warn)", "(default: text)"}, nil},
		{"--help", []string{"--help"}, 0, []string{"--select", "--python"}, nil},
		{"check --help", []string{"check", "--help"}, 0, []string{"usage: pyward check", "--statistics", "(default: false)"}, nil},
		{"check -h after a path", []string{"check", "src", "-h"}, 0, []string{"usage: pyward check"}, nil},
		{"help check", []string{"help", "check"}, 0, []string{"usage: pyward check"}, nil},
		{"help serve", []string{"help", "serve"}, 0, []string{"usage: pyward [serve]", "--stdio"}, nil},
		{"help nonsense", []string{"help", "chekc"}, 2, nil, []string{`did you mean "check"?`}},
		{"--version", []string{"--version"}, 0, []string{"pyward " + version}, nil},
		{"version takes no arguments", []string{"version", "--json"}, 2, nil, []string{"unexpected argument"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, status := runIn(t, root, tc.args...)
			if status != tc.status {
				t.Fatalf("pyward %s: status %d, want %d\nstdout: %s\nstderr: %s", strings.Join(tc.args, " "), status, tc.status, stdout, stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
		})
	}
}

// TestHelpListsEveryFlag: help prints every flag of every command with its default.
func TestHelpListsEveryFlag(t *testing.T) {
	var out bytes.Buffer
	help(&out)
	text := out.String()
	for _, mk := range []func() *command{
		func() *command { c, _ := serveCommand(); return c },
		func() *command { c, _ := checkCommand(); return c },
	} {
		c := mk()
		var own bytes.Buffer
		c.help(&own)
		c.fs.VisitAll(func(f *flag.Flag) {
			for _, page := range []string{text, own.String()} {
				i := strings.Index(page, "--"+f.Name+" ")
				if i < 0 {
					t.Errorf("help lacks --%s", f.Name)
					return
				}
				line := page[i:]
				// the default closes the flag's (possibly wrapped) description
				if j := strings.Index(line, "(default: "); j < 0 || strings.Contains(line[:j], "\n  --") {
					t.Errorf("help gives no default for --%s:\n%s", f.Name, line)
				}
			}
		})
	}
	if !strings.Contains(text, "site-packages") || !strings.Contains(text, ".venv") {
		t.Errorf("help does not say what is excluded by default:\n%s", text)
	}
}

// TestPythonWarning: a missing or broken --python is a warning on stderr, not silence.
func TestPythonWarning(t *testing.T) {
	root := writeTree(t, map[string]string{"a.py": "x = 1\n", "broken-python": "#!/bin/sh\necho 'broken on purpose' >&2\nexit 3\n"})
	if err := os.Chmod(filepath.Join(root, "broken-python"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ python, want string }{
		{"/nonexistent/python", `"/nonexistent/python"`},
		{filepath.Join(root, "broken-python"), "broken on purpose"},
	} {
		_, stderr, status := runIn(t, root, "check", "a.py", "--python", tc.python)
		if status != 0 {
			t.Errorf("--python %s: status %d, want 0 (a warning only)", tc.python, status)
		}
		if !strings.Contains(stderr, "warning: cannot read sys.path") || !strings.Contains(stderr, tc.want) {
			t.Errorf("--python %s: stderr lacks the warning:\n%s", tc.python, stderr)
		}
	}
	_, stderr, _ := runIn(t, root, "check", "a.py", "--python", "-")
	if stderr != "" {
		t.Errorf("--python -: stderr %q, want nothing", stderr)
	}
}

// TestExcludes: --exclude replaces the defaults, --extend-exclude and [tool.pyward]
// add to them, and a path named on the command line is always checked.
func TestExcludes(t *testing.T) {
	bad := "def f(:\n"
	root := writeTree(t, map[string]string{
		"pyproject.toml":                        "[tool.pyward]\nextend-exclude = [\"gen\"]\n",
		"app/main.py":                           "x = 1\n",
		"app/gen/out.py":                        bad,
		"app/build/b.py":                        bad,
		"app/m_pb2.py":                          bad,
		"lib/python3.11/site-packages/pkg/p.py": bad,
		".venv/lib/v.py":                        bad,
		"envs/e1/pyvenv.cfg":                    "home = /usr/bin\n",
		"envs/e1/lib/x.py":                      bad,
	})
	cases := []struct {
		name string
		args []string
		want []string // files with findings
	}{
		{"defaults and the project's extend-exclude", []string{"."}, []string{"app/build/b.py", "app/m_pb2.py"}},
		{"--extend-exclude", []string{".", "--extend-exclude", "build", "--extend-exclude=*_pb2.py"}, nil},
		{"--exclude replaces the defaults", []string{".", "--exclude", "build,gen,*_pb2.py"}, []string{".venv/lib/v.py", "lib/python3.11/site-packages/pkg/p.py"}},
		{"a path with /", []string{".", "--extend-exclude", "app/build/**", "--extend-exclude", "/app/m_pb2.py"}, nil},
		{"a named file is checked", []string{"app/gen/out.py"}, []string{"app/gen/out.py"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, _ := runIn(t, root, append([]string{"check", "--python", "-", "--format", "github"}, tc.args...)...)
			var got []string
			for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
				if f, ok := strings.CutPrefix(line, "::error file="); ok {
					got = append(got, f[:strings.Index(f, ",")])
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("files with findings %q, want %q\nstderr: %s", got, tc.want, stderr)
			}
		})
	}
	_, stderr, status := runIn(t, root, "check", ".", "--exclude", "a[")
	if status != 2 || !strings.Contains(stderr, "bad exclude glob") {
		t.Errorf("a bad glob: status %d, stderr %q", status, stderr)
	}
}

// TestCheckReadsPyproject: check applies [tool.pyward] of the project (rule severities;
// a bad value is a warning and the default stands); the flags win.
func TestCheckReadsPyproject(t *testing.T) {
	root := writeTree(t, map[string]string{
		"pyproject.toml": "[tool.pyward.rules]\n\"syntax-error\" = \"off\"\n\"missing-await\" = \"loud\"\n",
		"a.py":           "def f(:\n",
	})
	stdout, stderr, status := runIn(t, root, "check", "--python", "-", ".")
	if status != 0 || stdout != "" {
		t.Errorf("syntax-error is off in pyproject.toml: status %d, stdout %q", status, stdout)
	}
	if !strings.Contains(stderr, "warning:") || !strings.Contains(stderr, "loud") {
		t.Errorf("a bad severity in pyproject.toml is not a warning: %q", stderr)
	}
	if _, _, status := runIn(t, root, "check", "--python", "-", "--select", "syntax-error", "."); status != 0 {
		t.Errorf("--select keeps the project's severity (off): status %d", status)
	}
	// pythonPath relative to the project root, run from elsewhere.
	if err := os.WriteFile(filepath.Join(root, "pyproject.toml"), []byte("[tool.pyward]\npythonPath = \"env/bin/python\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, _ = runIn(t, t.TempDir(), "check", filepath.Join(root, "a.py"))
	if want := filepath.Join(root, "env", "bin", "python"); !strings.Contains(stderr, want) {
		t.Errorf("pythonPath is not taken from the project root: want %s in %q", want, stderr)
	}
}

// TestCheckReadsCheckedFilesFromTheTreeCache: a second check of a file reads its tree
// from the cache folder (the entry is there after the first run), and an edit that
// keeps the file's size but not its modification time is checked afresh.
func TestCheckReadsCheckedFilesFromTheTreeCache(t *testing.T) {
	dir := t.TempDir()
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	p := filepath.Join(dir, "jobs.py")
	write := func(src string, mod time.Time) {
		t.Helper()
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	// the same size: "fetch()" and "pass   " are both 7 bytes
	withBug := "async def fetch():\n    pass\n\nasync def main():\n    fetch()\n"
	fixed := "async def fetch():\n    pass\n\nasync def main():\n    pass   \n"
	if len(withBug) != len(fixed) {
		t.Fatal("the two texts must have the same size")
	}
	t0 := time.Now().Add(-time.Hour).Truncate(time.Second)
	write(withBug, t0)
	for run := 0; run < 2; run++ {
		out, errOut, status := runIn(t, dir, "check", "--python", "-", "jobs.py")
		if status != 1 || !strings.Contains(out, "[missing-await]") {
			t.Fatalf("run %d: status %d, output %q %q", run, status, out, errOut)
		}
	}
	entries, err := os.ReadDir(filepath.Join(cache, "pyward", "trees"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("no tree cached for the checked file: %v", err)
	}
	write(fixed, t0.Add(time.Second))
	out, errOut, status := runIn(t, dir, "check", "--python", "-", "jobs.py")
	if status != 0 || out != "" {
		t.Fatalf("after the edit: status %d, output %q %q (a stale tree?)", status, out, errOut)
	}
}
