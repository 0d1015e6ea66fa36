package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/pathing"
)

// In diagnosticMode "workspace", files that are not open get their findings
// published; in openFiles (the default) they do not.
func TestWorkspaceDiagnosticMode(t *testing.T) {
	for _, mode := range []string{"openFiles", "workspace"} {
		t.Run(mode, func(t *testing.T) {
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, "broken.py"), []byte("def f(:\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			root, _ = filepath.EvalSymlinks(root)
			c := newTestClient(t, Options{})
			c.initialize(map[string]any{
				"workspaceFolders":      []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
				"capabilities":          map[string]any{},
				"initializationOptions": map[string]any{"pyward": map[string]any{"diagnosticMode": mode}},
			})
			uri := protocol.DocumentURI(pathing.PathToURI(filepath.Join(root, "broken.py")))
			deadline := time.Now().Add(3 * time.Second)
			var got []*protocol.PublishDiagnosticsParams
			for time.Now().Before(deadline) {
				c.mu.Lock()
				got = c.diags[uri]
				c.mu.Unlock()
				if len(got) > 0 {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			if mode == "workspace" {
				if len(got) == 0 || len(got[len(got)-1].Diagnostics) == 0 || got[len(got)-1].Diagnostics[0].Code != "syntax-error" {
					t.Fatalf("no syntax-error published for the closed file: %+v", got)
				}
			} else if len(got) != 0 {
				t.Fatalf("openFiles mode published for a closed file: %+v", got)
			}
		})
	}
}

// In diagnosticMode "workspace", a document closed without saving gets the findings of
// its file on disk again, after the empty list its close publishes.
func TestWorkspaceModeClosedDocumentShowsItsFile(t *testing.T) {
	root := t.TempDir()
	root, _ = filepath.EvalSymlinks(root)
	path := filepath.Join(root, "broken.py")
	if err := os.WriteFile(path, []byte("def f(:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{
		"workspaceFolders":      []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
		"capabilities":          map[string]any{},
		"initializationOptions": map[string]any{"pyward": map[string]any{"diagnosticMode": "workspace"}},
	})
	uri := pathing.PathToURI(path)
	hasSyntaxError := func(m []string) bool { return len(m) == 1 && strings.HasPrefix(m[0], "syntax-error") }
	latestMessages(t, c, uri, hasSyntaxError) // the workspace pass
	c.open(uri, "x = 1\n")                    // fixed in the editor, not saved
	if got := codes(c.waitDiagnostics(uri, 1)); len(got) != 0 {
		t.Fatalf("the open text is clean, got %v", got)
	}
	n := len(c.publishes(uri))
	c.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	got := c.waitPublishes(uri, n+2)[n:]
	if len(got[0].Diagnostics) != 0 {
		t.Errorf("the close publishes %d diagnostics, want none", len(got[0].Diagnostics))
	}
	latestMessages(t, c, uri, hasSyntaxError)
}

// In diagnosticMode "workspace", a file deleted from disk loses its findings (one empty
// publish) at the next pass, and the files still there keep theirs.
func TestWorkspaceModeDeletedFileIsCleared(t *testing.T) {
	root := t.TempDir()
	root, _ = filepath.EvalSymlinks(root)
	writeTree(t, root, map[string]string{"gone.py": "def f(:\n", "kept.py": "def g(:\n"})
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{
		"workspaceFolders":      []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
		"capabilities":          map[string]any{},
		"initializationOptions": map[string]any{"pyward": map[string]any{"diagnosticMode": "workspace"}},
	})
	gone := pathing.PathToURI(filepath.Join(root, "gone.py"))
	kept := pathing.PathToURI(filepath.Join(root, "kept.py"))
	hasSyntaxError := func(m []string) bool { return len(m) == 1 && strings.HasPrefix(m[0], "syntax-error") }
	latestMessages(t, c, gone, hasSyntaxError)
	latestMessages(t, c, kept, hasSyntaxError)
	if err := os.Remove(filepath.Join(root, "gone.py")); err != nil {
		t.Fatal(err)
	}
	pass := func(changed string) {
		t.Helper()
		n := len(c.publishes(kept))
		c.send("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": changed, "type": 3}}})
		c.waitPublishes(kept, n+1) // the pass has walked the folder
		time.Sleep(300 * time.Millisecond)
	}
	pass(gone)
	latestMessages(t, c, kept, hasSyntaxError)
	got := c.publishes(gone)
	if last := got[len(got)-1]; len(last.Diagnostics) != 0 {
		t.Fatalf("the deleted file keeps %d diagnostics", len(last.Diagnostics))
	}
	n := len(got)
	pass(gone) // another pass has nothing more to clear
	if got := c.publishes(gone); len(got) != n {
		t.Errorf("the deleted file was published %d more times", len(got)-n)
	}
	latestMessages(t, c, kept, hasSyntaxError)
}

// In diagnosticMode "workspace", a workspace folder added later has its files checked
// (with the settings of its pyproject.toml), and a folder removed loses what was
// published for its files.
func TestWorkspaceModeFolderChanges(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	first, _ = filepath.EvalSymlinks(first)
	second, _ = filepath.EvalSymlinks(second)
	writeTree(t, first, map[string]string{"one.py": "def f(:\n"})
	writeTree(t, second, map[string]string{"two.py": "def g(:\n", "pyproject.toml": "[tool.pyward.rules]\n\"syntax-error\" = \"hint\"\n"})
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{
		"workspaceFolders":      []map[string]any{{"uri": pathing.PathToURI(first), "name": "first"}},
		"capabilities":          map[string]any{},
		"initializationOptions": map[string]any{"pyward": map[string]any{"diagnosticMode": "workspace"}},
	})
	one := pathing.PathToURI(filepath.Join(first, "one.py"))
	two := pathing.PathToURI(filepath.Join(second, "two.py"))
	hasSyntaxError := func(m []string) bool { return len(m) == 1 && strings.HasPrefix(m[0], "syntax-error") }
	latestMessages(t, c, one, hasSyntaxError)
	folder := func(dir, name string) []map[string]any {
		return []map[string]any{{"uri": pathing.PathToURI(dir), "name": name}}
	}
	c.send("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": folder(second, "second"), "removed": []any{}}})
	latestMessages(t, c, two, hasSyntaxError)
	if got := c.publishes(two); got[len(got)-1].Diagnostics[0].Severity != protocol.DiagnosticSeverityHint {
		t.Errorf("two.py's syntax-error is not a hint, as the added folder's pyproject.toml says: %+v", got[len(got)-1].Diagnostics)
	}
	c.send("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{"added": []any{}, "removed": folder(first, "first")}})
	latestMessages(t, c, one, func(m []string) bool { return len(m) == 0 })
	latestMessages(t, c, two, hasSyntaxError)
}

// A workspace pass is stopped by the next one: switched to workspace mode and back to
// openFiles while the pass waits for an open document's check, the files that are not
// open get nothing published.
func TestWorkspacePassStoppedByTheNext(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	root := t.TempDir()
	root, _ = filepath.EvalSymlinks(root)
	writeTree(t, root, map[string]string{"closed.py": "import asyncio\n\n\nasync def main():\n    pass\n\n\nasyncio.run(main)\n"})
	g := newGatedPython(t)
	c := newTestClient(t, Options{PythonPath: g.python, NoCache: true})
	c.initialize(map[string]any{
		"workspaceFolders": []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
		"capabilities":     map[string]any{},
	})
	open := "file:///tmp/pyward-gate/open.py"
	c.open(open, "def f(:\n")
	g.waitAsked(1) // the open document's check is running: a pass waits for it
	mode := func(m string) {
		c.send("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"pyward": map[string]any{"diagnosticMode": m}}})
	}
	mode("workspace")
	mode("openFiles")
	n := len(c.publishes(open))
	g.open()
	c.waitPublishes(open, n+1)
	time.Sleep(500 * time.Millisecond)
	closed := pathing.PathToURI(filepath.Join(root, "closed.py"))
	for _, p := range c.publishes(closed) {
		t.Errorf("published for closed.py in openFiles mode: %v", codes(p))
	}
}
