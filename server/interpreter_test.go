package server

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/pathing"
)

// fakePython writes an interpreter script whose sys.path is [site], counting its runs.
func fakePython(t *testing.T, dir, site string) (python string, runs func() int) {
	t.Helper()
	python = filepath.Join(dir, "python")
	counter := filepath.Join(dir, "runs")
	script := fmt.Sprintf("#!/bin/sh\necho run >> %s\necho '{\"executable\": \"%s\", \"sys_path\": [\"%s\"], \"version\": [3, 12, 0, \"final\", 0], \"platform\": \"linux\", \"os_name\": \"posix\", \"implementation\": \"cpython\"}'\n",
		counter, python, site)
	if err := os.WriteFile(python, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return python, func() int {
		data, _ := os.ReadFile(counter)
		return strings.Count(string(data), "run")
	}
}

// TestInterpreterAnswerIsCached: the first session runs the interpreter; the next one
// takes its answer from the cache before the first check, without running it; with
// the cache off it runs again.
func TestInterpreterAnswerIsCached(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	site := filepath.Join(dir, "site-packages")
	if err := os.MkdirAll(filepath.Join(site, "installed_pkg"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(site, "installed_pkg", "__init__.py")
	if err := os.WriteFile(target, []byte("VALUE = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	python, runs := fakePython(t, dir, site)
	work := t.TempDir()
	uri := pathing.PathToURI(filepath.Join(work, "main.py"))

	session := func(opts Options, wantRuns int, waitForAnswer bool) {
		t.Helper()
		opts.PythonPath = python
		c := newTestClient(t, opts)
		c.initialize(map[string]any{"rootUri": pathing.PathToURI(work), "capabilities": map[string]any{}})
		c.open(uri, "import installed_pkg\n")
		c.waitDiagnostics(uri, 1)
		deadline := time.Now().Add(10 * time.Second)
		for {
			var locs []protocol.Location
			if err := c.call("textDocument/definition", map[string]any{
				"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 9},
			}, &locs); err != nil {
				t.Fatal(err)
			}
			if len(locs) == 1 && string(locs[0].URI) == pathing.PathToURI(target) {
				break
			}
			if !waitForAnswer || time.Now().After(deadline) {
				t.Fatalf("definition = %v, want %s", locs, target)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if got := runs(); got != wantRuns {
			t.Errorf("the interpreter ran %d times, want %d", got, wantRuns)
		}
		_ = c.call("shutdown", nil, nil)
	}
	session(Options{}, 1, true)
	session(Options{}, 1, false) // answered from the cache, before the first check
	session(Options{NoCache: true}, 2, true)
}

// TestPythonPathFromConfiguration: a pythonPath that arrives with workspace/configuration
// (after initialize) is the interpreter that is asked.
func TestPythonPathFromConfiguration(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	python, runs := fakePython(t, dir, dir)
	c := newTestClient(t, Options{PythonPath: "-"})
	c.settings = map[string]any{"pythonPath": python, "cache": map[string]any{"enabled": false}}
	c.initialize(map[string]any{"capabilities": map[string]any{"workspace": map[string]any{"configuration": true}}})
	uri := "untitled:Untitled-1"
	c.open(uri, "x = 1\n")
	c.waitDiagnostics(uri, 1)
	deadline := time.Now().Add(10 * time.Second)
	for runs() != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the interpreter named by workspace/configuration was not asked")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestOtherPythonPathDropsSysPath: when the settings name another interpreter, the
// modules installed in the previous one's sys.path no longer resolve: not with "-" (no
// interpreter), not while the new one is asked, nor when it cannot answer.
func TestOtherPythonPathDropsSysPath(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	site := filepath.Join(dir, "site-packages")
	target := filepath.Join(site, "installed_pkg", "__init__.py")
	writeTree(t, site, map[string]string{"installed_pkg/__init__.py": "VALUE = 1\n"})
	python, _ := fakePython(t, dir, site)
	for _, next := range []string{"-", filepath.Join(dir, "missing", "python3")} {
		t.Run(filepath.Base(next), func(t *testing.T) {
			work := t.TempDir()
			c := newTestClient(t, Options{PythonPath: python, NoCache: true})
			c.initialize(map[string]any{"rootUri": pathing.PathToURI(work), "capabilities": map[string]any{}})
			uri := pathing.PathToURI(filepath.Join(work, "main.py"))
			c.open(uri, "import installed_pkg\n")
			c.waitDiagnostics(uri, 1)
			definition := func() []protocol.Location {
				t.Helper()
				var locs []protocol.Location
				if err := c.call("textDocument/definition", map[string]any{
					"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 9},
				}, &locs); err != nil {
					t.Fatal(err)
				}
				return locs
			}
			deadline := time.Now().Add(10 * time.Second)
			for {
				locs := definition()
				if len(locs) == 1 && string(locs[0].URI) == pathing.PathToURI(target) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("definition = %v, want %s once the interpreter has answered", locs, target)
				}
				time.Sleep(20 * time.Millisecond)
			}
			c.send("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"pyward": map[string]any{"pythonPath": next}}})
			if locs := definition(); len(locs) != 0 {
				t.Fatalf("with pythonPath %q, definition = %v, want none", next, locs)
			}
		})
	}
}

// TestShortSessionCachesInterpreterAnswer: a session shut down before its interpreter
// question was answered (it waits for the first diagnostics, and the interpreter is
// slow) still caches the answer, so the next session does not run the interpreter.
func TestShortSessionCachesInterpreterAnswer(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	site := filepath.Join(dir, "site-packages")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	python, runs := fakePython(t, dir, site)
	slow, err := os.ReadFile(python)
	if err != nil {
		t.Fatal(err)
	}
	// answer after 300 ms, as python3 behind a pyenv shim does
	slow = []byte(strings.Replace(string(slow), "#!/bin/sh\n", "#!/bin/sh\nsleep 0.3\n", 1))
	if err := os.WriteFile(python, slow, 0o755); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	uri := pathing.PathToURI(filepath.Join(work, "main.py"))
	for i, want := range []int{1, 1} {
		c := newTestClient(t, Options{PythonPath: python})
		c.initialize(map[string]any{"rootUri": pathing.PathToURI(work), "capabilities": map[string]any{}})
		c.open(uri, "import os\n")
		c.waitDiagnostics(uri, 1)
		if err := c.call("shutdown", nil, nil); err != nil {
			t.Fatal(err)
		}
		if got := runs(); got != want {
			t.Errorf("session %d: the interpreter ran %d times by the end of shutdown, want %d", i+1, got, want)
		}
	}
}
