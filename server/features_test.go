package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/pathing"
)

func init() {
	// A request that only ends when cancelled, to test $/cancelRequest.
	requestHandlers["pyward/test.block"] = func(ctx context.Context, s *Server, _ handlers.Env, _ json.RawMessage) (any, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
}

// rawClient speaks raw JSON-RPC frames, to control ids and see every reply.
type rawClient struct {
	t       *testing.T
	conn    net.Conn
	stream  *stream
	replies chan map[string]any
}

func newRawClient(t *testing.T) *rawClient {
	serverSide, clientSide := net.Pipe()
	go New(Options{Logger: zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel)), PythonPath: "-"}).Run(context.Background(), serverSide)
	c := &rawClient{t: t, conn: clientSide, stream: newStream(clientSide, zap.NewNop()), replies: make(chan map[string]any, 100)}
	go func() {
		for {
			body, _, err := c.stream.readFrame()
			if err != nil {
				close(c.replies)
				return
			}
			var m map[string]any
			if json.Unmarshal(body, &m) == nil && m["method"] == nil {
				c.replies <- m
			}
		}
	}()
	t.Cleanup(func() { _ = clientSide.Close() })
	return c
}

func (c *rawClient) send(msg string) {
	_ = c.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	if err := c.stream.writeRaw([]byte(msg)); err != nil {
		c.t.Fatal(err)
	}
}

func (c *rawClient) reply(id string) map[string]any {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case m, ok := <-c.replies:
			if !ok {
				c.t.Fatalf("connection closed before the reply to %s", id)
			}
			raw, _ := json.Marshal(m["id"])
			if string(raw) == id {
				return m
			}
		case <-deadline:
			c.t.Fatalf("no reply to %s", id)
		}
	}
}

func TestCancelRequestNumericAndStringIDs(t *testing.T) {
	c := newRawClient(t)
	c.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	c.reply("1")
	c.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	for _, id := range []string{`7`, `"seven"`} {
		c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"method":"pyward/test.block","params":{}}`, id))
		c.send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":%s}}`, id))
		r := c.reply(id)
		e, _ := r["error"].(map[string]any)
		if e == nil || e["code"].(float64) != float64(RequestCancelled) {
			t.Errorf("cancelled request %s answered %v, want error %d", id, r, RequestCancelled)
		}
	}
	// A parse error is answered with id null, and the server goes on.
	c.send(`{"jsonrpc":"2.0","id":`)
	if r := c.reply("null"); r["error"].(map[string]any)["code"].(float64) != float64(jsonrpc2.ParseError) {
		t.Errorf("garbage answered %v, want a parse error", r)
	}
	c.send(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`)
	if r := c.reply("2"); r["error"] != nil {
		t.Fatalf("shutdown after garbage: %v", r)
	}
}

// writeTree writes files (path -> content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPyprojectSettings(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"pyproject.toml": "[tool.pyward]\nrules = { \"syntax-error\" = \"hint\" }\nunknownKey = 1\n",
		"m.py":           "def f(:\n",
	})
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(dir)})
	uri := pathing.PathToURI(filepath.Join(dir, "m.py"))
	c.open(uri, "def f(:\n")
	p := c.waitDiagnostics(uri, 1)
	if len(p.Diagnostics) == 0 || p.Diagnostics[0].Severity != 4 {
		t.Fatalf("[tool.pyward] makes syntax-error a hint (4): %+v", p.Diagnostics)
	}
}

func TestWorkspaceConfigurationWinsOverPyproject(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"pyproject.toml": "[tool.pyward.rules]\n\"syntax-error\" = \"hint\"\n"})
	c := newTestClient(t, Options{})
	c.settings = map[string]any{"rules": map[string]any{"syntax-error": "warning"}}
	c.initialize(map[string]any{"capabilities": map[string]any{"workspace": map[string]any{"configuration": true}}, "rootUri": pathing.PathToURI(dir)})
	uri := pathing.PathToURI(filepath.Join(dir, "w.py"))
	deadline := time.Now().Add(10 * time.Second)
	version := uint32(1)
	for {
		c.open(uri, "def f(:\n")
		p := c.waitDiagnostics(uri, version)
		if len(p.Diagnostics) > 0 && p.Diagnostics[0].Severity == 2 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("workspace/configuration's warning (2) must win over pyproject's hint: %+v", p.Diagnostics)
		}
		time.Sleep(20 * time.Millisecond)
		c.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
}

func TestNotebookCellAllowsTopLevelAwait(t *testing.T) {
	c := newTestClient(t, Options{})
	c.initialize(nil)
	cell := "vscode-notebook-cell:/tmp/pyward-test/nb.ipynb#W0sZmlsZQ%3D%3D"
	c.open(cell, "import asyncio\nawait asyncio.sleep(0)\n")
	for _, code := range codes(c.waitDiagnostics(cell, 1)) {
		if code == "await-outside-async" {
			t.Fatalf("top-level await is legal in a notebook cell")
		}
	}
	script := "untitled:Untitled-2"
	c.open(script, "import asyncio\nawait asyncio.sleep(0)\n")
	if got := codes(c.waitDiagnostics(script, 1)); !strings.Contains(strings.Join(got, ","), "await-outside-async") {
		t.Fatalf("top-level await in a plain buffer must be reported, got %v", got)
	}
}

// TestImportersAreRechecked: when coros.py turns f into an async def, an open file that
// calls f gets a missing-await without being edited.
func TestImportersAreRechecked(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pkg/__init__.py": "",
		"pkg/coros.py":    "def f():\n    return 1\n",
		"pkg/user.py":     "from .coros import f\n\n\nasync def main():\n    f()\n",
	}
	writeTree(t, dir, files)
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(dir)})
	coros := pathing.PathToURI(filepath.Join(dir, "pkg", "coros.py"))
	user := pathing.PathToURI(filepath.Join(dir, "pkg", "user.py"))
	c.open(coros, files["pkg/coros.py"])
	c.open(user, files["pkg/user.py"])
	if got := codes(c.waitDiagnostics(user, 1)); len(got) != 0 {
		t.Fatalf("user.py is clean while f is a plain function, got %v", got)
	}
	c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": coros, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(0, 0, 0, 0), "text": "async "}},
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		list := c.diags[protocol.DocumentURI(user)]
		last := list[len(list)-1]
		c.mu.Unlock()
		if strings.Contains(strings.Join(codes(last), ","), "missing-await") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("user.py was not re-checked with a missing-await after f became async")
}

// TestIndirectDependentsAreRechecked: main.py reads s.client.fetch(), where Service
// (service.py) annotates client with clients.Client; main.py does not import clients.
// When clients.py turns fetch into an async def, main.py gets a missing-await without
// being edited, and loses it again when a base class change makes fetch sync.
func TestIndirectDependentsAreRechecked(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pkg/__init__.py": "",
		"pkg/base.py":     "class Base:\n    def fetch(self):\n        return 1\n",
		"pkg/clients.py":  "from .base import Base\n\n\nclass Client(Base):\n    def fetch(self):\n        return 1\n",
		"pkg/service.py":  "from .clients import Client\n\n\nclass Service:\n    def __init__(self, client: Client):\n        self.client = client\n",
		"pkg/main.py":     "from .service import Service\n\n\nasync def main(s: Service):\n    s.client.fetch()\n",
	}
	writeTree(t, dir, files)
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(dir)})
	clients := pathing.PathToURI(filepath.Join(dir, "pkg", "clients.py"))
	main := pathing.PathToURI(filepath.Join(dir, "pkg", "main.py"))
	c.open(main, files["pkg/main.py"])
	if got := codes(c.waitDiagnostics(main, 1)); len(got) != 0 {
		t.Fatalf("main.py is clean while fetch is a plain method, got %v", got)
	}
	c.open(clients, files["pkg/clients.py"])
	c.waitDiagnostics(clients, 1)
	waitFor := func(want bool, what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			c.mu.Lock()
			list := c.diags[protocol.DocumentURI(main)]
			last := list[len(list)-1]
			c.mu.Unlock()
			if strings.Contains(strings.Join(codes(last), ","), "missing-await") == want {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatal(what)
	}
	// line 4 of clients.py is "    def fetch(self):"
	c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": clients, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(4, 4, 4, 4), "text": "async "}},
	})
	waitFor(true, "main.py was not re-checked with a missing-await after Client.fetch became async")
	c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": clients, "version": 3},
		"contentChanges": []any{map[string]any{"range": rng(4, 4, 4, 10), "text": ""}},
	})
	waitFor(false, "main.py kept its missing-await after Client.fetch became sync again")
}
