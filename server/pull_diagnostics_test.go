package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/internal/pygen"
	"github.com/pyward/pyward/pathing"
)

// pullCaps are the client capabilities of a client that pulls diagnostics (VS Code's
// vscode-languageclient 9 sends these, Neovim 0.10 the first without refresh).
func pullCaps(refresh bool) map[string]any {
	return map[string]any{
		"textDocument": map[string]any{"diagnostic": map[string]any{"dynamicRegistration": false}},
		"workspace":    map[string]any{"diagnostics": map[string]any{"refreshSupport": refresh}},
	}
}

// pullWorkspace writes files (name -> text) into a new folder and returns its path.
func pullWorkspace(t *testing.T, files map[string]string) string {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func fileURI(root, name string) string { return pathing.PathToURI(filepath.Join(root, name)) }

// initPull initializes c on the folder root with caps and the diagnosticMode.
func initPull(c *testClient, root string, caps map[string]any, mode string) map[string]any {
	return c.initialize(map[string]any{
		"workspaceFolders":      []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
		"capabilities":          caps,
		"initializationOptions": map[string]any{"pyward": map[string]any{"diagnosticMode": mode}},
	})
}

// pull sends textDocument/diagnostic.
func (c *testClient) pull(uri, previous string) handlers.DocumentDiagnosticReport {
	c.t.Helper()
	var r handlers.DocumentDiagnosticReport
	params := map[string]any{"textDocument": map[string]any{"uri": uri}}
	if previous != "" {
		params["previousResultId"] = previous
	}
	if err := c.call("textDocument/diagnostic", params, &r); err != nil {
		c.t.Fatalf("textDocument/diagnostic %s: %v", uri, err)
	}
	if r.ResultID == "" {
		c.t.Fatalf("textDocument/diagnostic %s: a report without a resultId: %+v", uri, r)
	}
	return r
}

// reportCodes are the rule names of a full report's items.
func reportCodes(r handlers.DocumentDiagnosticReport) []string {
	out := []string{}
	if r.Items != nil {
		for _, d := range *r.Items {
			out = append(out, d.Code.(string))
		}
	}
	return out
}

// pushedFor returns the publishDiagnostics the client received for uri.
func (c *testClient) pushedFor(uri string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.diags[protocol.DocumentURI(uri)])
}

func (c *testClient) called(method string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, m := range c.calls {
		if m == method {
			n++
		}
	}
	return n
}

// A client announces pull diagnostics or not: the one that does gets a
// diagnosticProvider and pulls its findings, and nothing is pushed to it (not even
// the clearing at close); the one that does not gets pushes as before.
func TestPullDiagnosticsNegotiation(t *testing.T) {
	for _, tc := range []struct {
		name string
		caps map[string]any
		pull bool
	}{
		{"push", map[string]any{}, false},
		{"push, diagnostic null", map[string]any{"textDocument": map[string]any{"diagnostic": nil}}, false},
		{"pull", pullCaps(true), true},
		{"pull without refresh", pullCaps(false), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := pullWorkspace(t, map[string]string{"broken.py": "def f(:\n"})
			c := newTestClient(t, Options{})
			res := initPull(c, root, tc.caps, "openFiles")
			caps := res["capabilities"].(map[string]any)
			provider, announced := caps["diagnosticProvider"].(map[string]any)
			if announced != tc.pull {
				t.Fatalf("diagnosticProvider announced: %v, want %v (%v)", announced, tc.pull, caps["diagnosticProvider"])
			}
			if tc.pull && (provider["interFileDependencies"] != true || provider["workspaceDiagnostics"] != true) {
				t.Fatalf("diagnosticProvider = %v, want interFileDependencies and workspaceDiagnostics", provider)
			}
			uri := fileURI(root, "broken.py")
			c.open(uri, "def f(:\n")
			if !tc.pull {
				if p := c.waitDiagnostics(uri, 1); !slices.Contains(codes(p), "syntax-error") {
					t.Fatalf("pushed %v, want syntax-error", codes(p))
				}
				return
			}
			r := c.pull(uri, "")
			if r.Kind != handlers.ReportFull || !slices.Contains(reportCodes(r), "syntax-error") {
				t.Fatalf("pulled %+v (%v), want a full report with syntax-error", r, reportCodes(r))
			}
			c.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
			time.Sleep(200 * time.Millisecond)
			if n := c.pushedFor(uri); n != 0 {
				t.Fatalf("%d publishDiagnostics pushed to a client that pulls", n)
			}
		})
	}
}

// textDocument/diagnostic: a full report, then "unchanged" with the same resultId
// while the findings stay (also across an edit that changes none), then a full report
// with a new resultId after an edit that changes them; a document that is not open
// is an error saying so.
func TestPullDiagnosticsResultIDs(t *testing.T) {
	// pkg.missing does not exist, whatever sys.path holds: pkg is the workspace's.
	root := pullWorkspace(t, map[string]string{"pkg/__init__.py": "", "main.py": "import pkg.missing\n"})
	c := newTestClient(t, Options{})
	initPull(c, root, pullCaps(true), "openFiles")
	uri := fileURI(root, "main.py")
	c.open(uri, "import pkg.missing\n")

	first := c.pull(uri, "")
	if first.Kind != handlers.ReportFull || !slices.Equal(reportCodes(first), []string{"unresolved-import"}) {
		t.Fatalf("first pull: %+v %v, want a full report with unresolved-import", first, reportCodes(first))
	}
	again := c.pull(uri, first.ResultID)
	if again.Kind != handlers.ReportUnchanged || again.ResultID != first.ResultID || again.Items != nil {
		t.Fatalf("second pull: %+v, want unchanged with resultId %s", again, first.ResultID)
	}

	edit := func(version int, text string) {
		c.send("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []map[string]any{{"text": text}},
		})
	}
	edit(2, "import pkg.missing\nx = 1\n")
	same := c.pull(uri, first.ResultID)
	if same.Kind != handlers.ReportUnchanged || same.ResultID != first.ResultID {
		t.Fatalf("after an edit that changes no finding: %+v, want unchanged", same)
	}
	edit(3, "import pkg.missing\nimport pkg.other\n")
	changed := c.pull(uri, first.ResultID)
	if changed.Kind != handlers.ReportFull || changed.ResultID == first.ResultID ||
		!slices.Equal(reportCodes(changed), []string{"unresolved-import", "unresolved-import"}) {
		t.Fatalf("after an edit that adds a finding: %+v %v, want a full report with a new resultId", changed, reportCodes(changed))
	}
	if r := c.pull(uri, "no-such-id"); r.Kind != handlers.ReportFull || r.ResultID != changed.ResultID {
		t.Fatalf("with an unknown previous id: %+v, want the full report %s", r, changed.ResultID)
	}

	var r json.RawMessage
	err := c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": fileURI(root, "closed.py")}}, &r)
	var rpcErr *jsonrpc2.Error
	if err == nil || !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.InvalidParams || !strings.Contains(rpcErr.Message, "not open") {
		t.Fatalf("pull of a document that is not open: %v (%s), want InvalidParams saying it is not open", err, r)
	}
}

// A change in one module changes the findings of an open module that imports it: the
// importer is re-checked and, when the client supports it, asked to pull again
// (workspace/diagnostic/refresh); its next pull has the new finding either way.
func TestPullDiagnosticsRefresh(t *testing.T) {
	for _, refresh := range []bool{true, false} {
		name := "refresh"
		if !refresh {
			name = "no refresh support"
		}
		t.Run(name, func(t *testing.T) {
			files := map[string]string{"b.py": "def f(): pass\n", "a.py": "from b import f\n"}
			root := pullWorkspace(t, files)
			c := newTestClient(t, Options{})
			initPull(c, root, pullCaps(refresh), "openFiles")
			a, b := fileURI(root, "a.py"), fileURI(root, "b.py")
			c.open(b, files["b.py"])
			c.open(a, files["a.py"])
			before := c.pull(a, "")
			if len(reportCodes(before)) != 0 {
				t.Fatalf("a.py before: %v, want no finding", reportCodes(before))
			}
			c.pull(b, "")
			if n := c.called("workspace/diagnostic/refresh"); n != 0 {
				t.Fatalf("%d refresh requests before any change elsewhere", n)
			}
			c.send("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": b, "version": 2},
				"contentChanges": []map[string]any{{"text": "def g(): pass\n"}},
			})
			deadline := time.Now().Add(5 * time.Second)
			if refresh {
				for c.called("workspace/diagnostic/refresh") == 0 {
					if time.Now().After(deadline) {
						t.Fatal("no workspace/diagnostic/refresh after the importer's findings changed")
					}
					time.Sleep(10 * time.Millisecond)
				}
			}
			var after handlers.DocumentDiagnosticReport
			for {
				after = c.pull(a, before.ResultID)
				if after.Kind == handlers.ReportFull || time.Now().After(deadline) {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			if after.Kind != handlers.ReportFull || !slices.Equal(reportCodes(after), []string{"missing-import-name"}) {
				t.Fatalf("a.py after b.py lost f: %+v %v, want a full report with missing-import-name", after, reportCodes(after))
			}
			if !refresh {
				time.Sleep(200 * time.Millisecond)
				if n := c.called("workspace/diagnostic/refresh"); n != 0 {
					t.Fatalf("%d refresh requests to a client without refreshSupport", n)
				}
			}
			if n := c.pushedFor(a) + c.pushedFor(b); n != 0 {
				t.Fatalf("%d publishDiagnostics pushed to a client that pulls", n)
			}
		})
	}
}

// workspace/diagnostic reports the open documents (with their version) and, in
// diagnosticMode "workspace", every file of the workspace (version null); a document
// the client holds a result for and that has none any more gets an empty report;
// asked again with the ids it gave, every report is unchanged.
func TestWorkspaceDiagnosticPull(t *testing.T) {
	for _, mode := range []string{"openFiles", "workspace"} {
		t.Run(mode, func(t *testing.T) {
			files := map[string]string{"broken.py": "def f(:\n", "open.py": "import pkg.missing\n", "pkg/__init__.py": ""}
			root := pullWorkspace(t, files)
			c := newTestClient(t, Options{})
			initPull(c, root, pullCaps(true), mode)
			open, broken, gone := fileURI(root, "open.py"), fileURI(root, "broken.py"), fileURI(root, "gone.py")
			c.open(open, files["open.py"])

			ask := func(previous []map[string]string) map[string]handlers.WorkspaceDocumentDiagnosticReport {
				t.Helper()
				var res handlers.WorkspaceDiagnosticReport
				if err := c.call("workspace/diagnostic", map[string]any{"previousResultIds": previous}, &res); err != nil {
					t.Fatalf("workspace/diagnostic: %v", err)
				}
				out := map[string]handlers.WorkspaceDocumentDiagnosticReport{}
				for _, it := range res.Items {
					if _, dup := out[string(it.URI)]; dup {
						t.Fatalf("%s reported twice", it.URI)
					}
					out[string(it.URI)] = it
				}
				return out
			}
			got := ask([]map[string]string{{"uri": gone, "value": "stale"}})

			o, ok := got[open]
			if !ok || o.Version == nil || *o.Version != 1 || o.Kind != handlers.ReportFull ||
				!slices.Equal(reportCodes(o.DocumentDiagnosticReport), []string{"unresolved-import"}) {
				t.Fatalf("open.py: %+v, want a full report of version 1 with unresolved-import", o)
			}
			bk, ok := got[broken]
			if mode == "workspace" {
				if !ok || bk.Version != nil || bk.Kind != handlers.ReportFull || !slices.Contains(reportCodes(bk.DocumentDiagnosticReport), "syntax-error") {
					t.Fatalf("broken.py: %+v (present %v), want a full report with syntax-error and a null version", bk, ok)
				}
				if p, ok := got[fileURI(root, "pkg/__init__.py")]; !ok || p.Kind != handlers.ReportFull || len(reportCodes(p.DocumentDiagnosticReport)) != 0 {
					t.Fatalf("pkg/__init__.py: %+v (present %v), want an empty full report", p, ok)
				}
			} else if ok {
				t.Fatalf("openFiles mode reported a closed file: %+v", bk)
			}
			g, ok := got[gone]
			if !ok || g.Kind != handlers.ReportFull || g.Items == nil || len(*g.Items) != 0 {
				t.Fatalf("gone.py: %+v (present %v), want an empty full report", g, ok)
			}
			wantN := 2
			if mode == "workspace" {
				wantN = 4
			}
			if len(got) != wantN {
				t.Fatalf("%d reports, want %d: %v", len(got), wantN, got)
			}

			var previous []map[string]string
			for uri, r := range got {
				previous = append(previous, map[string]string{"uri": uri, "value": r.ResultID})
			}
			for uri, r := range ask(previous) {
				if r.Kind != handlers.ReportUnchanged || r.ResultID != got[uri].ResultID {
					t.Fatalf("%s asked again: %+v, want unchanged with resultId %s", uri, r, got[uri].ResultID)
				}
			}
			if n := c.pushedFor(broken) + c.pushedFor(open); n != 0 {
				t.Fatalf("%d publishDiagnostics pushed to a client that pulls", n)
			}
		})
	}
}

// A workspace/diagnostic waiting for the workspace pass ends when the client cancels
// it, with RequestCancelled.
func TestWorkspaceDiagnosticCancel(t *testing.T) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pygen.Tree(root, 400); err != nil {
		t.Fatal(err)
	}
	c := newRawClient(t)
	init, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{
		"workspaceFolders":      []map[string]any{{"uri": pathing.PathToURI(root), "name": "ws"}},
		"capabilities":          pullCaps(true),
		"initializationOptions": map[string]any{"pyward": map[string]any{"diagnosticMode": "workspace"}},
	}})
	c.send(string(init))
	c.reply("1")
	c.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	start := time.Now()
	c.send(`{"jsonrpc":"2.0","id":2,"method":"workspace/diagnostic","params":{"previousResultIds":[]}}`)
	c.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}`)
	m := c.reply("2")
	cancelled := time.Since(start)
	e, _ := m["error"].(map[string]any)
	if e == nil || e["code"] != float64(RequestCancelled) {
		t.Fatalf("reply to the cancelled workspace/diagnostic: %v, want error %d", m, RequestCancelled)
	}
	// The same request, not cancelled, waits for the pass over the 400 files: the
	// cancelled one must have ended well before (it stopped waiting).
	c.send(`{"jsonrpc":"2.0","id":3,"method":"workspace/diagnostic","params":{"previousResultIds":[]}}`)
	m = c.reply("3")
	full := time.Since(start)
	res, _ := m["result"].(map[string]any)
	items, _ := res["items"].([]any)
	if len(items) < 400 {
		t.Fatalf("the workspace report after the pass has %d items, want the 400 files: %v", len(items), m["error"])
	}
	t.Logf("cancelled after %v; the pass's report after %v", cancelled, full)
	if cancelled > full/2 {
		t.Fatalf("the cancelled request ended after %v, the whole pass took %v: it did not stop waiting", cancelled, full)
	}
}

// TestPullAnswersWhenChecked: a textDocument/diagnostic that waits for the check of the
// document's new text is answered as soon as that check ends, not at the next of the
// pull's periodic re-asks (a second apart). Each check is held by the fake
// interpreter's compile helper until the test releases it.
func TestPullAnswersWhenChecked(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	g := newGatedPython(t)
	root := pullWorkspace(t, nil)
	c := newTestClient(t, Options{PythonPath: g.python, NoCache: true})
	initPull(c, root, pullCaps(false), "openFiles")
	uri := fileURI(root, "held.py")
	c.open(uri, "def f0(:\n")
	g.waitAsked(1) // re-checked once the interpreter has answered
	g.release(1)
	g.waitAnswered(1)
	var waited time.Duration
	for i := 2; i <= 4; i++ {
		c.send("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i},
			"contentChanges": []any{map[string]any{"text": fmt.Sprintf("def f%d(:\n", i)}},
		})
		done := make(chan error, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			var r handlers.DocumentDiagnosticReport
			_, err := c.conn.Call(ctx, "textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &r)
			if err == nil && strings.Join(reportCodes(r), ",") != "syntax-error" {
				err = fmt.Errorf("report %+v, want one syntax-error", r)
			}
			done <- err
		}()
		g.waitAsked(i)
		time.Sleep(100 * time.Millisecond) // the pull is waiting for the check
		released := time.Now()
		g.release(i)
		if err := <-done; err != nil {
			t.Fatalf("pull of version %d: %v", i, err)
		}
		waited += time.Since(released)
	}
	if waited > 1500*time.Millisecond {
		t.Errorf("three pulls were answered %v after their checks were released, want well under a second each", waited)
	}
}
