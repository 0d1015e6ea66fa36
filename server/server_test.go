package server

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func rpcCode(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestRequestsBeforeInitialize(t *testing.T) {
	c := newTestClient(t, Options{})
	err := c.call("textDocument/hover", map[string]any{}, nil)
	if rpcCode(err) != jsonrpc2.ServerNotInitialized {
		t.Fatalf("hover before initialize: %v, want ServerNotInitialized", err)
	}
}

func TestLifecycleAndExitCodes(t *testing.T) {
	for _, shutdown := range []bool{true, false} {
		t.Run(fmt.Sprintf("shutdown=%v", shutdown), func(t *testing.T) {
			c := newTestClient(t, Options{})
			res := c.initialize(nil)
			caps := res["capabilities"].(map[string]any)
			if caps["positionEncoding"] != "utf-16" {
				t.Errorf("positionEncoding = %v, want utf-16 by default", caps["positionEncoding"])
			}
			sync := caps["textDocumentSync"].(map[string]any)
			if sync["change"].(float64) != 2 {
				t.Errorf("textDocumentSync.change = %v, want 2 (incremental)", sync["change"])
			}
			if shutdown {
				// Some clients send {} as shutdown params.
				if err := c.call("shutdown", map[string]any{}, nil); err != nil {
					t.Fatalf("shutdown: %v", err)
				}
			}
			c.send("exit", nil)
			want := 1
			if shutdown {
				want = 0
			}
			select {
			case code := <-c.exit:
				if code != want {
					t.Fatalf("exit code %d, want %d", code, want)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("server did not exit")
			}
		})
	}
}

func TestUTF8Negotiation(t *testing.T) {
	c := newTestClient(t, Options{})
	res := c.initialize(map[string]any{"capabilities": map[string]any{
		"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}},
	}})
	if got := res["capabilities"].(map[string]any)["positionEncoding"]; got != "utf-8" {
		t.Fatalf("positionEncoding = %v, want utf-8", got)
	}
}

func TestDiagnosticsFollowIncrementalEdits(t *testing.T) {
	c := newTestClient(t, Options{})
	c.initialize(nil)
	uri := "file:///tmp/pyward-test/mod.py"
	c.open(uri, "x = '😀'\ny = 1\n")
	if got := codes(c.waitDiagnostics(uri, 1)); len(got) != 0 {
		t.Fatalf("clean file has diagnostics %v", got)
	}
	// Break line 1 after the emoji: UTF-16 column 5 is after `x = '😀'`.
	c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(1, 0, 1, 1), "text": "def f(:"}},
	})
	p := c.waitDiagnostics(uri, 2)
	if got := codes(p); len(got) == 0 || got[0] != "syntax-error" {
		t.Fatalf("after breaking the file: %v, want syntax-error", got)
	}
	d := p.Diagnostics[0]
	if d.Source != "pyward" || d.CodeDescription == nil || !strings.Contains(string(d.CodeDescription.Href), "#syntax-error") {
		t.Errorf("diagnostic lacks source/codeDescription: %+v", d)
	}
	if d.Range.Start.Line != 1 {
		t.Errorf("syntax error on line %d, want 1", d.Range.Start.Line)
	}
	// A full-text change (no range) repairs it.
	c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []any{map[string]any{"text": "y = 2\n"}},
	})
	if got := codes(c.waitDiagnostics(uri, 3)); len(got) != 0 {
		t.Fatalf("after the full-text fix: %v", got)
	}
}

func rng(l1, c1, l2, c2 int) map[string]any {
	return map[string]any{
		"start": map[string]any{"line": l1, "character": c1},
		"end":   map[string]any{"line": l2, "character": c2},
	}
}

func TestBadInputKeepsServerAlive(t *testing.T) {
	c := newTestClient(t, Options{})
	c.initialize(nil)
	uri := "file:///tmp/pyward-test/alive.py"
	c.open(uri, "x = 1\n")
	c.waitDiagnostics(uri, 1)

	// Garbage inside a well-formed frame.
	for _, body := range []string{`{not json`, `[1,2,3]`, `{"jsonrpc":"2.0","id":1.5,"method":"x"}`, "\xff\xfe"} {
		if _, err := fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
			t.Fatal(err)
		}
	}
	// Wrong types, unknown documents, out-of-range positions, unknown methods.
	if err := c.call("textDocument/hover", map[string]any{"textDocument": 5}, nil); rpcCode(err) != jsonrpc2.InvalidParams {
		t.Errorf("hover with wrong types: %v, want InvalidParams", err)
	}
	err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///nope.py"}, "position": map[string]any{"line": 0, "character": 0}}, nil)
	if rpcCode(err) != jsonrpc2.InvalidParams || !strings.Contains(err.Error(), "not open") {
		t.Errorf("hover on unknown document: %v", err)
	}
	if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 999, "character": 999}}, nil); err != nil {
		t.Errorf("hover past the end must clamp, got %v", err)
	}
	if err := c.call("pyward/nonsense", nil, nil); rpcCode(err) != jsonrpc2.MethodNotFound {
		t.Errorf("unknown method: %v, want MethodNotFound", err)
	}
	c.send("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "file:///closed.py", "version": 9}, "contentChanges": []any{}})
	c.send("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 0}, "contentChanges": []any{map[string]any{"range": rng(0, 0, 0, 0), "text": "\xff"}}})
	c.send("textDocument/didOpen", map[string]any{"textDocument": "garbage"})
	c.open("untitled:Untitled-1", "await x\n")
	c.waitDiagnostics("untitled:Untitled-1", 1)
	// The server still answers.
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown after garbage: %v", err)
	}
}

func TestCodeActionOffersIgnore(t *testing.T) {
	c := newTestClient(t, Options{})
	c.initialize(nil)
	uri := "file:///tmp/pyward-test/ca.py"
	c.open(uri, "print 'x'\n")
	c.waitDiagnostics(uri, 1)
	var actions []protocol.CodeAction
	if err := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": rng(0, 0, 0, 1), "context": map[string]any{"diagnostics": []any{}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range actions {
		if strings.Contains(a.Title, "Ignore syntax-error") {
			found = true
			edits := a.Edit.Changes[protocol.DocumentURI(uri)]
			if len(edits) != 1 || !strings.Contains(edits[0].NewText, "# pyward: ignore[syntax-error]") {
				t.Errorf("ignore fix edits: %+v", edits)
			}
		}
	}
	if !found {
		t.Fatalf("no ignore action among %+v", actions)
	}
}

func TestSettingsFromInitializationOptions(t *testing.T) {
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{
		"pyward": map[string]any{"rules": map[string]any{"syntax-error": "off"}, "notebook": map[string]any{"topLevelAwait": "yes"}},
	}})
	uri := "file:///tmp/pyward-test/off.py"
	c.open(uri, "def f(:\n")
	if got := codes(c.waitDiagnostics(uri, 1)); len(got) != 0 {
		t.Fatalf("syntax-error is off, got %v", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		n := len(c.messages)
		c.mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.messages) == 0 || !strings.Contains(c.messages[0], "topLevelAwait must be true or false") {
		t.Fatalf("a wrong-typed setting must be shown to the user, got %v", c.messages)
	}
}
