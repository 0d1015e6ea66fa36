package server

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExcludedDocuments: a document in an excluded folder of the workspace (by default
// or by the exclude settings) gets no diagnostics; one outside the workspace does.
func TestExcludedDocuments(t *testing.T) {
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{
		"capabilities": map[string]any{},
		"rootUri":      "file:///tmp/pyward-excl",
		"initializationOptions": map[string]any{
			"pyward": map[string]any{"extend-exclude": []any{"gen"}},
		},
	})
	bad := "def f(:\n"
	for uri, want := range map[string]int{
		"file:///tmp/pyward-excl/app/gen/out.py":             0,
		"file:///tmp/pyward-excl/.venv/lib/x.py":             0,
		"file:///tmp/pyward-excl/lib/site-packages/pkg/p.py": 0,
		"file:///tmp/pyward-excl/app/main.py":                1,
		"file:///tmp/elsewhere/.venv/lib/x.py":               1,
		"file:///tmp/pyward-excl/app/generated.py":           1,
	} {
		c.open(uri, bad)
		if got := codes(c.waitDiagnostics(uri, 1)); len(got) != want {
			t.Errorf("%s: %d diagnostics %v, want %d", uri, len(got), got, want)
		}
	}
}

// TestBrokenPythonPath: an interpreter that cannot give its sys.path is shown to the
// user, not only logged.
func TestBrokenPythonPath(t *testing.T) {
	c := newTestClient(t, Options{PythonPath: "/nonexistent/python3"})
	c.initialize(nil)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		for _, m := range c.messages {
			if strings.Contains(m, "cannot read sys.path") && strings.Contains(m, "/nonexistent/python3") {
				c.mu.Unlock()
				return
			}
		}
		c.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no window/showMessage about the broken interpreter; got %v", c.messages)
}

// TestRelativePythonPath: a relative pythonPath in the settings is the workspace
// folder's (the warning names the joined path).
func TestRelativePythonPath(t *testing.T) {
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{
		"capabilities":          map[string]any{},
		"rootUri":               "file:///tmp/pyward-relpy",
		"initializationOptions": map[string]any{"pyward": map[string]any{"pythonPath": "env/bin/python"}},
	})
	want := filepath.Join("/tmp/pyward-relpy", "env", "bin", "python")
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		for _, m := range c.messages {
			if strings.Contains(m, want) {
				c.mu.Unlock()
				return
			}
		}
		c.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no warning naming %s; got %v", want, c.messages)
}
