package server

import (
	"os"
	"path/filepath"
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
