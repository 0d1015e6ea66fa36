package lspclient

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"
)

// fakeServer reads frames from r and lets the test script the replies on w.
type fakeServer struct {
	r *bufio.Reader
	w io.Writer
}

func (f *fakeServer) read(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	body, err := readFrame(f.r)
	if err != nil {
		t.Fatalf("fake server read: %v", err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("client sent %q: %v", body, err)
	}
	return m
}

func (f *fakeServer) send(t *testing.T, msg string) {
	t.Helper()
	if _, err := fmt.Fprintf(f.w, "Content-Length: %d\r\n\r\n%s", len(msg), msg); err != nil {
		t.Fatal(err)
	}
}

func pipes() (*Client, *fakeServer) {
	toServerR, toServerW := io.Pipe()
	toClientR, toClientW := io.Pipe()
	return New(toClientR, toServerW), &fakeServer{r: bufio.NewReader(toServerR), w: toClientW}
}

func TestCallAndServerRequests(t *testing.T) {
	c, srv := pipes()
	done := make(chan error, 1)
	var res struct{ OK bool }
	go func() { done <- c.Call(context.Background(), "initialize", map[string]any{}, &res) }()
	req := srv.read(t)
	if string(req["method"]) != `"initialize"` {
		t.Fatalf("request %v", req)
	}
	// Before replying, the server asks for configuration: the client answers {} per item.
	srv.send(t, `{"jsonrpc":"2.0","id":"cfg","method":"workspace/configuration","params":{"items":[{"section":"a"},{"section":"b"}]}}`)
	ans := srv.read(t)
	if string(ans["id"]) != `"cfg"` || string(ans["result"]) != `[{},{}]` {
		t.Fatalf("configuration answer %v", ans)
	}
	srv.send(t, fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"result":{"ok":true}}`, req["id"]))
	if err := <-done; err != nil || !res.OK {
		t.Fatalf("Call: %v, %+v", err, res)
	}
	// An error reply is a *ResponseError.
	go func() { done <- c.Call(context.Background(), "x", nil, nil) }()
	req = srv.read(t)
	srv.send(t, fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"error":{"code":-32601,"message":"no"}}`, req["id"]))
	if err, ok := (<-done).(*ResponseError); !ok || err.Code != -32601 {
		t.Fatalf("error reply: %v", err)
	}
}

func TestWaitDiagnostics(t *testing.T) {
	c, srv := pipes()
	go func() {
		for {
			if _, err := readFrame(srv.r); err != nil {
				return
			}
		}
	}()
	srv.send(t, `{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"u","version":1,"diagnostics":[]}}`)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	d, err := c.WaitDiagnostics(ctx, "u", 0, 1)
	if err != nil || d.Version != 1 || d.Seq != 1 {
		t.Fatalf("first: %+v %v", d, err)
	}
	// A stale version after `after` does not match; the right one does.
	seq := c.Seq()
	srv.send(t, `{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"u","version":1,"diagnostics":[{}]}}`)
	srv.send(t, `{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"u","version":2,"diagnostics":[{},{}]}}`)
	d, err = c.WaitDiagnostics(ctx, "u", seq, 2)
	if err != nil || d.Version != 2 || len(d.Items) != 2 {
		t.Fatalf("version 2: %+v %v", d, err)
	}
	// Without a version, the first notification after `after` matches.
	seq = c.Seq()
	srv.send(t, `{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"u","diagnostics":[]}}`)
	if d, err = c.WaitDiagnostics(ctx, "u", seq, 99); err != nil || d.Version != -1 {
		t.Fatalf("unversioned: %+v %v", d, err)
	}
	// Nothing more comes: the wait ends with the context.
	short, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := c.WaitDiagnostics(short, "u", c.Seq(), 3); err == nil {
		t.Fatal("waiting for a version that never comes must time out")
	}
}
