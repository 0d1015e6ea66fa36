package server

import (
	"context"
	"encoding/json"
	"net"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	_ "github.com/pyward/pyward/analysis/rules"
)

// testClient is an LSP client talking to an in-process Server over net.Pipe.
type testClient struct {
	t      *testing.T
	conn   jsonrpc2.Conn
	raw    net.Conn
	exit   chan int
	mu     sync.Mutex
	diags  map[protocol.DocumentURI][]*protocol.PublishDiagnosticsParams
	notify chan struct{}
	// settings is what the client answers to workspace/configuration.
	settings any
	messages []string
	logs     []string // window/logMessage
	calls    []string // the methods of the server's requests, in order
}

// newTestClient starts a server with opts, by default without an interpreter ("-")
// and logging warnings to the test's log.
func newTestClient(t *testing.T, opts Options) *testClient {
	t.Helper()
	if opts.PythonPath == "" {
		opts.PythonPath = "-"
	}
	if opts.Logger == nil {
		opts.Logger = zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	}
	return startTestClient(t, opts)
}

// startTestClient starts a server with opts as they are (a PythonPath of "" asks
// python3 on PATH; a nil Logger logs nothing).
func startTestClient(t *testing.T, opts Options) *testClient {
	t.Helper()
	return attachTestClient(t, New(opts))
}

// attachTestClient runs srv and connects a test client to it, for tests that also
// reach into the server.
func attachTestClient(t *testing.T, srv *Server) *testClient {
	t.Helper()
	serverSide, clientSide := net.Pipe()
	c := &testClient{t: t, raw: clientSide, exit: make(chan int, 1), diags: map[protocol.DocumentURI][]*protocol.PublishDiagnosticsParams{}, notify: make(chan struct{}, 100)}
	go func() { c.exit <- srv.Run(context.Background(), serverSide) }()
	c.conn = jsonrpc2.NewConn(newStream(clientSide, zap.NewNop()))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() { _ = c.conn.Close() })
	return c
}

func (c *testClient) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	if _, ok := req.(*jsonrpc2.Call); ok {
		c.mu.Lock()
		c.calls = append(c.calls, req.Method())
		c.mu.Unlock()
	}
	switch req.Method() {
	case "textDocument/publishDiagnostics":
		var p protocol.PublishDiagnosticsParams
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			c.t.Errorf("bad publishDiagnostics: %v", err)
		}
		c.mu.Lock()
		c.diags[p.URI] = append(c.diags[p.URI], &p)
		c.mu.Unlock()
		select {
		case c.notify <- struct{}{}:
		default:
		}
		return nil
	case "workspace/configuration":
		return reply(ctx, []any{c.settings}, nil)
	case "client/registerCapability":
		return reply(ctx, nil, nil)
	case "window/logMessage":
		var p protocol.LogMessageParams
		_ = json.Unmarshal(req.Params(), &p)
		c.mu.Lock()
		c.logs = append(c.logs, p.Message)
		c.mu.Unlock()
		return nil
	case "window/showMessage":
		var p protocol.ShowMessageParams
		_ = json.Unmarshal(req.Params(), &p)
		c.mu.Lock()
		c.messages = append(c.messages, p.Message)
		c.mu.Unlock()
		return nil
	}
	return reply(ctx, nil, nil)
}

func (c *testClient) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *testClient) send(method string, params any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.conn.Notify(ctx, method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

func (c *testClient) initialize(params map[string]any) map[string]any {
	c.t.Helper()
	if params == nil {
		params = map[string]any{"capabilities": map[string]any{}}
	}
	var res map[string]any
	if err := c.call("initialize", params, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	c.send("initialized", map[string]any{})
	return res
}

func (c *testClient) open(uri, text string) {
	c.send("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "python", "version": 1, "text": text,
	}})
}

// waitDiagnostics waits for a publishDiagnostics for uri with the given version.
func (c *testClient) waitDiagnostics(uri string, version uint32) *protocol.PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		list := c.diags[protocol.DocumentURI(uri)]
		for i := len(list) - 1; i >= 0; i-- {
			if list[i].Version == version {
				p := list[i]
				c.mu.Unlock()
				return p
			}
		}
		c.mu.Unlock()
		select {
		case <-c.notify:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s version %d", uri, version)
		}
	}
}

func codes(p *protocol.PublishDiagnosticsParams) []string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Code.(string))
	}
	return out
}

// waitUntil polls cond every 10 ms until it holds, and fails the test with what it
// waited for after 10 seconds.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
