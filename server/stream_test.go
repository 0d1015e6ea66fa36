package server

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// The framing layer and the JSON-RPC envelope, tested by what the server answers over
// the real pipe. Every read has a deadline, so a hang fails in seconds.

const replyWait = 10 * time.Second

// initializedPeer starts a server and initializes it.
func initializedPeer(t *testing.T) *rawPeer {
	t.Helper()
	p := newRawPeer(t, fuzzWorkspace())
	t.Cleanup(p.close)
	if err := p.write([]byte(initializeFrame)); err != nil {
		t.Fatal(err)
	}
	if _, err := p.awaitReply(`"init"`, replyWait); err != nil {
		t.Fatal(err)
	}
	if err := p.write([]byte(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeBytes writes raw bytes (headers included) to the server.
func (p *rawPeer) writeBytes(t *testing.T, s string) {
	t.Helper()
	_ = p.conn.SetWriteDeadline(time.Now().Add(replyWait))
	if _, err := p.conn.Write([]byte(s)); err != nil {
		t.Fatalf("write %q: %v", s, err)
	}
}

// frame is one correctly framed message.
func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// probe is a request the server answers MethodNotFound, to mark a point in the stream.
func probe(id int) string {
	return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"pyward/probe"}`, id)
}

// repliesUntil returns every response the server wrote up to and including the one
// with the given id (raw JSON), answering the server's own requests with null.
func (p *rawPeer) repliesUntil(t *testing.T, id string) []map[string]json.RawMessage {
	t.Helper()
	var out []map[string]json.RawMessage
	deadline := time.After(replyWait)
	for {
		select {
		case m, ok := <-p.frames:
			if !ok {
				t.Fatalf("the server closed the connection before answering %s (replies so far: %s)", id, show(out))
			}
			if _, isReq := m["method"]; isReq {
				if len(m["id"]) > 0 {
					_ = p.write([]byte(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"result":null}`, m["id"])))
				}
				continue
			}
			out = append(out, m)
			if string(m["id"]) == id {
				return out
			}
		case msg := <-p.bad:
			t.Fatal(msg)
		case <-deadline:
			t.Fatalf("no reply to %s within %v (replies so far: %s)", id, replyWait, show(out))
		}
	}
}

// nextResponse returns the next response within limit (nil if none), skipping the
// server's requests, and whether the connection is still open.
func (p *rawPeer) nextResponse(limit time.Duration) (map[string]json.RawMessage, bool) {
	deadline := time.After(limit)
	for {
		select {
		case m, ok := <-p.frames:
			if !ok {
				return nil, false
			}
			if _, isReq := m["method"]; !isReq {
				return m, true
			}
		case <-deadline:
			return nil, true
		}
	}
}

func show(ms []map[string]json.RawMessage) string {
	var parts []string
	for _, m := range ms {
		b, _ := json.Marshal(m)
		parts = append(parts, string(b))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// errorCode returns the error code of a response, or 0 when it has none.
func errorCode(t *testing.T, m map[string]json.RawMessage) jsonrpc2.Code {
	t.Helper()
	if len(m["error"]) == 0 {
		return 0
	}
	var e jsonrpc2.Error
	if err := json.Unmarshal(m["error"], &e); err != nil {
		t.Fatalf("malformed error %s: %v", m["error"], err)
	}
	return e.Code
}

// TestFramingReplies sends framing oddities between two probes and checks every reply
// the server writes up to the second probe's.
func TestFramingReplies(t *testing.T) {
	type reply struct {
		id   string
		code jsonrpc2.Code
	}
	probe1 := reply{"1", jsonrpc2.MethodNotFound}
	probe2 := reply{"2", jsonrpc2.MethodNotFound}
	for _, tc := range []struct {
		name string
		in   string
		want []reply
	}{
		{"a stray CRLF between frames is no frame", "\r\n", []reply{probe1, probe2}},
		{"stray blank lines between frames", "\r\n\n\r\n", []reply{probe1, probe2}},
		{"lowercase header names", fmt.Sprintf("content-length: %d\r\ncontent-type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%s", len(probe(3)), probe(3)),
			[]reply{probe1, {"3", jsonrpc2.MethodNotFound}, probe2}},
		{"a header block without Content-Length", "Content-Type: application/json\r\n\r\n",
			[]reply{probe1, {"null", jsonrpc2.ParseError}, probe2}},
		{"an empty body (Content-Length 0)", "Content-Length: 0\r\n\r\n", []reply{probe1, {"null", jsonrpc2.ParseError}, probe2}},
		{"a body that is not JSON", frame(`{"jsonrpc":"2.0","id":`), []reply{probe1, {"null", jsonrpc2.ParseError}, probe2}},
		{"a malformed request: error reply with its id", frame(`{"jsonrpc":"1.0","id":42,"method":"textDocument/hover"}`),
			[]reply{probe1, {"42", jsonrpc2.InvalidRequest}, probe2}},
		{"a malformed request with a string id", frame(`{"jsonrpc":"2.0","id":"q","method":7}`),
			[]reply{probe1, {`"q"`, jsonrpc2.InvalidRequest}, probe2}},
		{"a malformed response gets no reply", frame(`{"jsonrpc":"1.0","id":9,"result":1}`), []reply{probe1, probe2}},
		{"a response without an id gets no reply", frame(`{"jsonrpc":"2.0","result":1}`), []reply{probe1, probe2}},
		{"a response nobody asked for gets no reply", frame(`{"jsonrpc":"2.0","id":77,"result":1}`), []reply{probe1, probe2}},
		{"a notification of an unknown method gets no reply", frame(`{"jsonrpc":"2.0","method":"pyward/nothing"}`), []reply{probe1, probe2}},
		{"a notification with an empty method gets no reply", frame(`{"jsonrpc":"2.0","method":""}`), []reply{probe1, probe2}},
		{"a request with an empty method", frame(`{"jsonrpc":"2.0","id":5,"method":""}`),
			[]reply{probe1, {"5", jsonrpc2.MethodNotFound}, probe2}},
		{"a request with an empty method and id \"\"", frame(`{"jsonrpc":"2.0","id":"","method":""}`),
			[]reply{probe1, {`""`, jsonrpc2.MethodNotFound}, probe2}},
		{"a request with id \"\"", frame(`{"jsonrpc":"2.0","id":"","method":"pyward/unknown"}`),
			[]reply{probe1, {`""`, jsonrpc2.MethodNotFound}, probe2}},
		{"an unknown method with a string id", frame(`{"jsonrpc":"2.0","id":"u","method":"pyward/unknown"}`),
			[]reply{probe1, {`"u"`, jsonrpc2.MethodNotFound}, probe2}},
		{"an id 0 stays 0", frame(`{"jsonrpc":"2.0","id":0,"method":"pyward/unknown"}`),
			[]reply{probe1, {"0", jsonrpc2.MethodNotFound}, probe2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := initializedPeer(t)
			p.writeBytes(t, frame(probe(1))+tc.in+frame(probe(2)))
			got := p.repliesUntil(t, "2")
			var have []reply
			for _, m := range got {
				have = append(have, reply{string(m["id"]), errorCode(t, m)})
			}
			if fmt.Sprint(have) != fmt.Sprint(tc.want) {
				t.Errorf("replies %v, want %v\n(all: %s)", have, tc.want, show(got))
			}
		})
	}
}

// A request with id "" is answered with id "" (not 0) also when it succeeds, and a
// $/cancelRequest naming "" cancels it.
func TestEmptyStringIDRoundTrips(t *testing.T) {
	p := initializedPeer(t)
	p.writeBytes(t, frame(openFrame))
	p.writeBytes(t, frame(`{"jsonrpc":"2.0","id":"","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///ws/pkg/b.py"},"position":{"line":1,"character":16}}}`))
	got := p.repliesUntil(t, `""`)
	last := got[len(got)-1]
	if errorCode(t, last) != 0 || len(last["result"]) == 0 {
		t.Errorf("hover with id \"\": %s, want a result", show(got))
	}
	p.writeBytes(t, frame(`{"jsonrpc":"2.0","id":"","method":"pyward/test.block","params":{}}`))
	p.writeBytes(t, frame(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":""}}`))
	got = p.repliesUntil(t, `""`)
	if c := errorCode(t, got[len(got)-1]); c != RequestCancelled {
		t.Errorf("cancelled request with id \"\": %s, want error %d", show(got), RequestCancelled)
	}
}

// A Content-Length that says more or less than the body: the server answers the
// broken body with a parse error and reads on where it can. Too long, the body swallows
// the start of the next frame, whose rest is no header: no frame boundary can be found,
// so the connection ends. Too short, the rest of the body and the next header make a
// header block without Content-Length (another parse error), and the server then waits
// for the rest of a header line.
func TestLyingContentLength(t *testing.T) {
	body := probe(1)
	for _, tc := range []struct {
		name   string
		in     string
		errors int  // parse errors (id null) the server answers, at least
		ends   bool // the server ends the connection
	}{
		{"longer than the body", fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body)+16, body) + frame(probe(2)), 1, true},
		{"shorter than the body", fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body)-30, body) + frame(probe(2)), 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := initializedPeer(t)
			p.writeBytes(t, tc.in)
			// Answers to the server's own requests (workspace/configuration) may land
			// in the broken stream and draw more parse errors: count at least.
			var got []map[string]json.RawMessage
			open := true
			for open {
				var m map[string]json.RawMessage
				if m, open = p.nextResponse(time.Second); m == nil {
					break
				}
				got = append(got, m)
			}
			for _, m := range got {
				if errorCode(t, m) != jsonrpc2.ParseError || string(m["id"]) != "null" {
					t.Errorf("replies %s, want only parse errors", show(got))
				}
			}
			if len(got) < tc.errors {
				t.Errorf("replies %s, want at least %d parse errors", show(got), tc.errors)
			}
			if open == tc.ends {
				t.Errorf("connection open %v after the broken frame, want %v", open, !tc.ends)
			}
		})
	}
}

// TestDidChangeSeveralMultiLineChanges: one didChange with several changes, the first
// adding lines; each later range is in the text the earlier changes left, so the
// finding lands on the line the client sees.
func TestDidChangeSeveralMultiLineChanges(t *testing.T) {
	c := newTestClient(t, Options{})
	c.initialize(nil)
	uri := "untitled:multi-change"
	c.open(uri, "x = 1\n")
	if got := codes(c.waitDiagnostics(uri, 1)); len(got) != 0 {
		t.Fatalf("x = 1 has findings: %v", got)
	}
	c.send("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{
			map[string]any{"range": rng(0, 0, 0, 0), "text": "import asyncio\nasync def f():\n    pass\n"},
			map[string]any{"range": rng(3, 0, 3, 5), "text": "f()"},
		},
	})
	p := c.waitDiagnostics(uri, 2)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "missing-await" || p.Diagnostics[0].Range.Start.Line != 3 || p.Diagnostics[0].Range.End.Character != 3 {
		t.Fatalf("want one missing-await on line 3 (f()), got %+v", p.Diagnostics)
	}
}

// TestInvalidHeader: a header line that is not "Name: value", or a Content-Length that
// is no length (negative, not a number), leaves no way to find the next frame: the
// server answers what came before, then ends the connection (it does not crash, nor
// skip the line, nor wait forever).
func TestInvalidHeader(t *testing.T) {
	for _, header := range []string{"Content-Length: -5", "Content-Length: -1", "Content-Length: ten", "Content-Length:", "Content-Length 40"} {
		t.Run(header, func(t *testing.T) {
			p := initializedPeer(t)
			p.writeBytes(t, frame(probe(1))+header+"\r\n"+frame(probe(2)))
			if got := p.repliesUntil(t, "1"); errorCode(t, got[len(got)-1]) != jsonrpc2.MethodNotFound {
				t.Errorf("replies %s, want MethodNotFound for the probe", show(got))
			}
			for {
				m, open := p.nextResponse(replyWait)
				if !open {
					break
				}
				if m == nil {
					t.Fatalf("the connection is still open %v after the header %q", replyWait, header)
				}
				t.Errorf("reply %s after the header %q", show([]map[string]json.RawMessage{m}), header)
			}
		})
	}
}

// TestNotificationFrameMatchesMarshal: the hand-made frame of a notification is the
// JSON value encoding/json makes of it (method, params, version), for params with
// escapes, non-ASCII text, HTML characters and nesting.
func TestNotificationFrameMatchesMarshal(t *testing.T) {
	cases := []struct {
		method string
		params any
	}{
		{"textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{URI: "file:///a%20b/é.py", Version: 3,
			Diagnostics: []protocol.Diagnostic{{Message: "`x` <never> awaited & \"quoted\"\n\tnext\u2028", Source: "pyward",
				Range: protocol.Range{Start: protocol.Position{Line: 1, Character: 2}}}}}},
		{"window/logMessage", &protocol.LogMessageParams{Type: protocol.MessageTypeInfo, Message: "日本語 😀"}},
		{"odd/\"method\"\u00e9", map[string]any{"list": []any{1, "two", nil, true, 3.5}}},
		{"$/progress", []int{}},
	}
	for _, tc := range cases {
		n, err := jsonrpc2.NewNotification(tc.method, tc.params)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		got := notificationFrame(n.Method(), n.Params())
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("%s: the frame is not JSON: %v\n%s", tc.method, err, got)
		}
		if err := json.Unmarshal(want, &w); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s:\n got %s\nwant %s", tc.method, got, want)
		}
	}
}
