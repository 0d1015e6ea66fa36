package server

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/pathing"
)

// refactorWorkspace writes a small project and starts a server on it.
func refactorWorkspace(t *testing.T) (*testClient, string) {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"pkg/__init__.py":     "",
		"pkg/util.py":         "def helper(): pass\n",
		"pkg/sub/__init__.py": "",
		"pkg/sub/m.py":        "from ..util import helper\nfrom pkg import util\n",
		"main.py":             "import pkg.util\nfrom pkg.util import helper\n",
		"dyn.py":              "import importlib\nx = importlib.import_module('pkg.sub.m')\n",
	}
	for rel, text := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, _ = filepath.EvalSymlinks(root)
	c := newTestClient(t, Options{})
	res := c.initialize(map[string]any{
		"workspaceFolders": []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
		"capabilities":     map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}}},
	})
	caps, _ := json.Marshal(res["capabilities"])
	for _, want := range []string{`"fileOperations"`, `"willRename"`, `"**/*.pyi"`, `"referencesProvider":true`, `"refactor.rewrite"`} {
		if !strings.Contains(string(caps), want) {
			t.Errorf("capabilities lack %s: %s", want, caps)
		}
	}
	return c, root
}

func TestWillRenameFilesAndDecline(t *testing.T) {
	c, root := refactorWorkspace(t)
	uri := func(rel string) string { return pathing.PathToURI(filepath.Join(root, rel)) }
	var edit struct {
		DocumentChanges []struct {
			TextDocument struct{ URI string } `json:"textDocument"`
			Edits        []protocol.TextEdit  `json:"edits"`
		} `json:"documentChanges"`
	}
	if err := c.call("workspace/willRenameFiles", map[string]any{"files": []map[string]string{{"oldUri": uri("pkg/util.py"), "newUri": uri("pkg/tools.py")}}}, &edit); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, dc := range edit.DocumentChanges {
		for _, e := range dc.Edits {
			got[dc.TextDocument.URI] = append(got[dc.TextDocument.URI], e.NewText)
		}
	}
	if strings.Join(got[uri("main.py")], ",") != "pkg.tools,pkg.tools" || strings.Join(got[uri("pkg/sub/m.py")], ",") != "..tools,tools as util" {
		t.Errorf("edits: %v", got)
	}

	// A module named in importlib.import_module: no edit, and a message saying why.
	var raw json.RawMessage
	if err := c.call("workspace/willRenameFiles", map[string]any{"files": []map[string]string{{"oldUri": uri("pkg/sub"), "newUri": uri("pkg/other")}}}, &raw); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	msgs := append([]string(nil), c.messages...)
	c.mu.Unlock()
	if (len(raw) != 0 && string(raw) != "null") || len(msgs) == 0 || !strings.Contains(msgs[len(msgs)-1], `"pkg.sub.m"`) {
		t.Errorf("declined move: result %s, messages %q", raw, msgs)
	}
}

func TestReferencesAndImportForm(t *testing.T) {
	c, root := refactorWorkspace(t)
	mURI := pathing.PathToURI(filepath.Join(root, "pkg/sub/m.py"))
	text, _ := os.ReadFile(filepath.Join(root, "pkg/sub/m.py"))
	c.open(mURI, string(text))
	c.waitDiagnostics(mURI, 1)

	// References of pkg/util.py, asked on `util` of `from ..util import helper`.
	var locs []protocol.Location
	if err := c.call("textDocument/references", map[string]any{
		"textDocument": map[string]any{"uri": mURI}, "position": map[string]any{"line": 0, "character": 8},
		"context": map[string]any{"includeDeclaration": false},
	}, &locs); err != nil {
		t.Fatal(err)
	}
	var where []string
	for _, l := range locs {
		rel, _ := filepath.Rel(root, mustPath(t, string(l.URI)))
		where = append(where, filepath.ToSlash(rel)+":"+itoa(int(l.Range.Start.Line)))
	}
	if strings.Join(where, " ") != "main.py:0 main.py:1 pkg/sub/m.py:0 pkg/sub/m.py:1" {
		t.Errorf("references of pkg.util: %v", where)
	}

	// The code action that writes `from ..util import helper` absolutely.
	var actions []protocol.CodeAction
	if err := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": mURI}, "range": rng(0, 6, 0, 6), "context": map[string]any{"diagnostics": []any{}, "only": []string{"refactor"}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Edit.Changes[protocol.DocumentURI(mURI)][0].NewText != "pkg.util" {
		t.Errorf("import form actions: %+v", actions)
	}
}

func mustPath(t *testing.T, uri string) string {
	p, err := pathing.URIToPath(uri)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// unlistableFS is the real filesystem, except that one folder cannot be listed.
type unlistableFS struct {
	pathing.FS
	dir string
}

func (f unlistableFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if filepath.Clean(name) == f.dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrPermission}
	}
	return f.FS.ReadDir(name)
}

// TestWillRenameFilesFailure: a move that cannot be planned because the filesystem
// fails (the moved folder cannot be listed) is answered with an error, not with null,
// which would tell the client that no import needs an edit.
func TestWillRenameFilesFailure(t *testing.T) {
	root := t.TempDir()
	root, _ = filepath.EvalSymlinks(root)
	writeTree(t, root, map[string]string{
		"pkg/__init__.py": "",
		"pkg/util.py":     "def helper(): pass\n",
		"main.py":         "import pkg.util\n",
	})
	c := newTestClient(t, Options{FS: unlistableFS{pathing.OSFS, filepath.Join(root, "pkg")}})
	c.initialize(map[string]any{
		"workspaceFolders": []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
		"capabilities":     map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}}},
	})
	var raw json.RawMessage
	err := c.call("workspace/willRenameFiles", map[string]any{"files": []map[string]string{{
		"oldUri": pathing.PathToURI(filepath.Join(root, "pkg")), "newUri": pathing.PathToURI(filepath.Join(root, "lib")),
	}}}, &raw)
	if rpcCode(err) != jsonrpc2.InternalError || !strings.Contains(err.Error(), "pkg") {
		t.Fatalf("willRenameFiles of an unlistable folder: result %s, error %v; want an internal error naming it", raw, err)
	}
}
