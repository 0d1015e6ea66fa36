package main

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pyward/pyward/pathing"
)

// TestCompletionAnswersItsTrigger: the server announces "." as a completion trigger,
// so after `models.` (a module bound by an import) it proposes the module's names and
// submodules; after `from .models import ` it proposes what can be imported.
func TestCompletionAnswersItsTrigger(t *testing.T) {
	root := writeTree(t, map[string]string{
		"app/__init__.py":        "",
		"app/models/__init__.py": "class Model:\n    pass\n\n\nasync def fetch():\n    return Model()\n\n\n_private = 1\n",
		"app/models/extra.py":    "",
		"app/main.py":            "from . import models\nfrom .models import \n\n\nasync def run():\n    models.\n",
	})
	c := startServer(t, root)
	path := filepath.Join(root, "app", "main.py")
	uri := pathing.PathToURI(path)
	text, _ := os.ReadFile(path)
	if err := c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "python", "version": 1, "text": string(text)}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line, character int
		want            string
	}{
		{5, len("    models."), "Model extra fetch"},
		{1, len("from .models import "), "Model extra fetch"},
	} {
		var list struct {
			Items []struct {
				Label string `json:"label"`
				Kind  int    `json:"kind"`
			} `json:"items"`
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := c.Call(ctx, "textDocument/completion", map[string]any{
			"textDocument": map[string]any{"uri": uri},
			"position":     map[string]any{"line": tc.line, "character": tc.character},
			"context":      map[string]any{"triggerKind": 2, "triggerCharacter": "."},
		}, &list)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, it := range list.Items {
			labels = append(labels, it.Label)
		}
		sort.Strings(labels)
		if got := strings.Join(labels, " "); got != tc.want {
			t.Errorf("completion at %d:%d: %q, want %q", tc.line, tc.character, got, tc.want)
		}
	}
}
