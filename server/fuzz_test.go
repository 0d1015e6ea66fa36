package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/pathing"
)

// rawPeer talks to an in-process Server with hand-made frames, and reads every frame
// the server writes, checking that each one is a JSON-RPC 2.0 message.
type rawPeer struct {
	t      *testing.T
	conn   net.Conn
	frames chan map[string]json.RawMessage
	bad    chan string
	exit   chan int
}

func newRawPeer(t *testing.T, fsys pathing.FS) *rawPeer {
	serverSide, clientSide := net.Pipe()
	p := &rawPeer{t: t, conn: clientSide, frames: make(chan map[string]json.RawMessage, 1024), bad: make(chan string, 16), exit: make(chan int, 1)}
	go func() {
		p.exit <- New(Options{Logger: zap.NewNop(), PythonPath: "-", FS: fsys}).Run(context.Background(), serverSide)
		_ = serverSide.Close()
	}()
	go p.read()
	return p
}

func (p *rawPeer) read() {
	defer close(p.frames)
	r := bufio.NewReader(p.conn)
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				fmt.Sscan(v, &length)
			}
		}
		if length < 0 {
			p.bad <- "a frame without Content-Length"
			return
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil || wellFormed(m) != nil {
			select {
			case p.bad <- fmt.Sprintf("the server wrote a frame that is not a JSON-RPC 2.0 message (%v): %q", wellFormed(m), body):
			default:
			}
			continue
		}
		p.frames <- m
	}
}

// wellFormed checks a message the server wrote against JSON-RPC 2.0: "jsonrpc": "2.0";
// a request or notification has a string method (and a request a string or number
// id); a response has an id (null only for an error) and exactly one of result and
// error, an error with an integer code and a string message, and a parse error has
// id null (the server cannot know the id of what it could not parse).
func wellFormed(m map[string]json.RawMessage) error {
	if string(m["jsonrpc"]) != `"2.0"` {
		return fmt.Errorf("jsonrpc is %s", m["jsonrpc"])
	}
	id, hasID := m["id"]
	var idValue any
	if hasID {
		if err := json.Unmarshal(id, &idValue); err != nil {
			return fmt.Errorf("bad id %s", id)
		}
		switch idValue.(type) {
		case string, float64, nil:
		default:
			return fmt.Errorf("id %s is not a string, number or null", id)
		}
	}
	if method, ok := m["method"]; ok {
		var name string
		if json.Unmarshal(method, &name) != nil || name == "" {
			return fmt.Errorf("method %s is not a name", method)
		}
		if hasID && idValue == nil {
			return errors.New("a request with id null")
		}
		return nil
	}
	if !hasID {
		return errors.New("a response without an id")
	}
	_, hasResult := m["result"]
	rawErr, hasError := m["error"]
	if hasResult == hasError {
		return errors.New("a response needs exactly one of result and error")
	}
	if hasError {
		var e struct {
			Code    *int64  `json:"code"`
			Message *string `json:"message"`
		}
		if json.Unmarshal(rawErr, &e) != nil || e.Code == nil || e.Message == nil {
			return fmt.Errorf("malformed error %s", rawErr)
		}
		if jsonrpc2.Code(*e.Code) == jsonrpc2.ParseError && idValue != nil {
			return fmt.Errorf("a parse error answered with id %s", id)
		}
	} else if idValue == nil {
		return errors.New("a result with id null")
	}
	return nil
}

func (p *rawPeer) write(body []byte) error {
	_ = p.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
	_, err := fmt.Fprintf(p.conn, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

// awaitReply waits for the response with the given id (raw JSON), skipping the rest.
func (p *rawPeer) awaitReply(id string, limit time.Duration) (map[string]json.RawMessage, error) {
	deadline := time.After(limit)
	for {
		select {
		case m, ok := <-p.frames:
			if !ok {
				return nil, fmt.Errorf("the server closed the connection before answering %s", id)
			}
			if _, isReq := m["method"]; !isReq && string(m["id"]) == id {
				return m, nil
			}
			if _, isReq := m["method"]; isReq && len(m["id"]) > 0 {
				// A request from the server (workspace/configuration...): answer null.
				_ = p.write([]byte(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"result":null}`, m["id"])))
			}
		case msg := <-p.bad:
			return nil, fmt.Errorf("%s", msg)
		case <-deadline:
			return nil, fmt.Errorf("no reply to %s within %v", id, limit)
		}
	}
}

// close ends the connection and checks the server returns.
func (p *rawPeer) close() {
	_ = p.conn.Close()
	select {
	case <-p.exit:
	case <-time.After(10 * time.Second):
		p.t.Fatal("Run did not return after the connection closed")
	}
}

func fuzzWorkspace() pathing.FS {
	fsys := pathing.NewMemFS(pathing.Posix)
	_ = fsys.AddTree(map[string]string{
		"/ws/pkg/__init__.py": "from .a import f\n",
		"/ws/pkg/a.py":        "async def f():\n    pass\nclass C:\n    def __init__(self):\n        self.__x = 1\n",
		"/ws/pkg/b.py":        "from . import a\nfrom .a import C, f\nf()\nC()._C__x\n",
	})
	return fsys
}

const (
	initializeFrame = `{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"rootUri":"file:///ws","capabilities":{"workspace":{"configuration":true}}}}`
	openFrame       = `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///ws/pkg/b.py","languageId":"python","version":1,"text":"from . import a\nfrom .a import C, f\nf()\nC()._C__x\n"}}}`
	probeFrame      = `{"jsonrpc":"2.0","id":"probe-after-fuzz","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///ws/pkg/b.py"},"position":{"line":1,"character":16}}}`
)

var frameSeeds = []string{
	`{not json`,
	``,
	`null`,
	`[]`,
	`[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]`,
	`{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover"}`,
	`{"jsonrpc":"2.0","id":{"x":1},"method":"textDocument/hover"}`,
	`{"jsonrpc":"2.0","id":2,"method":5}`,
	`{"jsonrpc":"1.0","id":3,"method":"textDocument/hover","params":{}}`,
	`{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":5}}`,
	`{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///ws/pkg/b.py"},"position":{"line":-1,"character":1e99}}}`,
	`{"jsonrpc":"2.0","id":6,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///ws/pkg/b.py"},"position":{"line":0,"character":14}}}`,
	`{"jsonrpc":"2.0","id":7,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///ws/pkg/b.py"},"range":{"start":{"line":2,"character":0},"end":{"line":9,"character":0}},"context":{"diagnostics":[]}}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///ws/pkg/b.py","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":5},"end":{"line":0,"character":1}},"text":"😀\r"}]}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///ws/pkg/b.py","version":0},"contentChanges":[{"text":"await x\n"}]}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///closed.py","version":9},"contentChanges":[]}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///ws/pkg/b.py"}}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:Untitled-1","text":"x = ("}}}`,
	`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"vscode-notebook-cell:/ws/n.ipynb#W1","text":"await f()"}}}`,
	`{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":"file:///ws/pkg/a.py","type":3}]}}`,
	`{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"pyward":{"rules":{"syntax-error":7}}}}}`,
	`{"jsonrpc":"2.0","method":"workspace/didChangeWorkspaceFolders","params":{"event":{"added":[{"uri":"file:///other","name":"o"}],"removed":[{"uri":"file:///ws"}]}}}`,
	`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"probe-after-fuzz"}}`,
	`{"jsonrpc":"2.0","id":8,"method":"initialize","params":{}}`,
	`{"jsonrpc":"2.0","id":9,"result":{"x":1}}`,
	`{"jsonrpc":"2.0","id":10,"error":{"code":1,"message":"m"}}`,
	`{"jsonrpc":"2.0","id":11,"method":"shutdown","params":{}}`,
	`{"jsonrpc":"2.0","id":12,"method":"pyward/nope"}`,
	"\xff\xfe\x00",
}

// FuzzJSONRPCFrame sends any bytes inside a well-formed frame to an initialized server
// with an open document. The server may answer with an error or ignore the frame, but
// it must write only JSON-RPC messages and keep answering: the hover sent after the
// fuzzed frame gets a reply (a result or an error). Only an `exit` notification may end
// the session, and then Run must return.
func FuzzJSONRPCFrame(f *testing.F) {
	for _, s := range frameSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p := newRawPeer(t, fuzzWorkspace())
		defer p.close()
		if err := p.write([]byte(initializeFrame)); err != nil {
			t.Fatal(err)
		}
		if _, err := p.awaitReply(`"init"`, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		for _, fr := range []string{`{"jsonrpc":"2.0","method":"initialized","params":{}}`, openFrame} {
			if err := p.write([]byte(fr)); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.write(body); err != nil {
			t.Fatalf("write the fuzzed frame: %v", err)
		}
		if isExit(body) {
			select {
			case <-p.exit:
				p.exit <- 0 // for close
			case <-time.After(10 * time.Second):
				t.Fatal("exit did not end the session")
			}
			return
		}
		if err := p.write([]byte(probeFrame)); err != nil {
			t.Fatalf("the server stopped reading after %q: %v", body, err)
		}
		reply, err := p.awaitReply(`"probe-after-fuzz"`, 15*time.Second)
		if err != nil {
			t.Fatalf("after %q: %v", body, err)
		}
		if e := reply["error"]; len(e) > 0 {
			var re jsonrpc2.Error
			_ = json.Unmarshal(e, &re)
			if re.Code == jsonrpc2.InternalError {
				t.Fatalf("after %q the probe got an internal error (a handler panicked): %s", body, e)
			}
		}
	})
}

// isExit reports whether body is an exit notification, which legitimately ends a session.
func isExit(body []byte) bool {
	msg, err := jsonrpc2.DecodeMessage(body)
	if err != nil {
		return false
	}
	n, ok := msg.(*jsonrpc2.Notification)
	return ok && n.Method() == "exit"
}

// FuzzStream feeds arbitrary bytes (headers included) to the server and then closes
// the connection: whatever it reads, Run returns, without a panic, and every frame it
// wrote is a well-formed JSON-RPC 2.0 message (see wellFormed).
func FuzzStream(f *testing.F) {
	f.Add([]byte("Content-Length: 5\r\n\r\n{}{}{"))
	f.Add([]byte("Content-Length: 2\r\nContent-Type: x\r\n\r\n{}\r\n\r\nContent-Length: 1\r\n\r\n["))
	f.Add([]byte("Content-Length: -1\r\n\r\n"))
	f.Add([]byte("Content-Length: 99999999999999999999\r\n\r\n"))
	f.Add([]byte("\r\n\r\n\r\nContent-Length: 0\r\n\r\n"))
	f.Add([]byte("garbage without a colon\r\n\r\n"))
	f.Add([]byte("Content-Length: " + fmt.Sprint(len(initializeFrame)) + "\r\n\r\n" + initializeFrame))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := newRawPeer(t, fuzzWorkspace())
		drained := make(chan struct{})
		go func() {
			defer close(drained)
			for range p.frames {
			}
		}()
		_ = p.conn.SetWriteDeadline(time.Now().Add(10 * time.Second))
		_, _ = p.conn.Write(data)
		p.close()
		<-drained
		select {
		case msg := <-p.bad:
			t.Fatalf("after %q: %s", data, msg)
		default:
		}
	})
}

// refOffset is a reference conversion of an LSP position to a byte offset, written
// independently of analysis.LineIndex: lines end at \n, \r\n or a lone \r; columns count
// UTF-16 units (or bytes); positions past the end of a line or of the text clamp, and a
// column inside a character moves to its start.
func refOffset(src []byte, line, char uint32, utf8Units bool) int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' || (src[i] == '\r' && (i+1 >= len(src) || src[i+1] != '\n')) {
			starts = append(starts, i+1)
		}
	}
	if int(line) >= len(starts) {
		return len(src)
	}
	off := starts[line]
	end := len(src)
	if int(line)+1 < len(starts) {
		end = starts[line+1] - 1
		if end > 0 && src[end] == '\n' && end-1 >= off && src[end-1] == '\r' {
			end--
		}
	}
	units := uint32(0)
	for off < end {
		r, size := utf8.DecodeRune(src[off:end])
		u := uint32(size)
		if !utf8Units {
			u = 1
			if r >= 0x10000 {
				u = 2
			}
		}
		if units+u > char {
			break
		}
		units += u
		off += size
	}
	return off
}

func protocolRange(l1, c1, l2, c2 uint32) protocol.Range {
	return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
}

// FuzzDidChange applies random LSP content changes (several per notification, ranges
// in UTF-16 or UTF-8, reversed and out-of-range ranges, multi-byte text and every line
// ending) with handlers.ApplyChanges, as the server's didChange does: the text must be
// what a reference conversion of the positions gives, and the incrementally reparsed
// tree must equal a fresh parse of that text.
func FuzzDidChange(f *testing.F) {
	f.Add([]byte("x = '😀'\ny = 1\n"), []byte("\x01\x00\x01\x05\x03"), false)
	f.Add([]byte("a\r\nb\rc\n中文\u0301\n"), []byte("\x02\x01\x03\x00\x07\x00\x00\x09\x09\x01"), true)
	f.Add([]byte("def f(a):\n    return a\n"), []byte("\x01\x04\x01\x04\x0a\x00\x00\x00\x00\x06"), false)
	f.Add([]byte("class C:\n    pass\n"), []byte("\x05\x05\x00\x00\x02\x01\x00\x01\x03\x0b"), false)
	texts := []string{"", "x", "😀", "中", "e\u0301", "\n", "\r\n", "\r", "(", ")", ":", "    ", "def g():\n", "'''", "#", "\t", "await ", "\\"}
	f.Fuzz(func(t *testing.T, src, script []byte, useUTF8 bool) {
		if len(src) > 2048 || !validUTF8(src) {
			return // LSP text is always valid Unicode
		}
		enc := analysis.UTF16
		if useUTF8 {
			enc = analysis.UTF8
		}
		doc, err := syntax.NewDocument(src)
		if err != nil {
			t.Fatal(err)
		}
		defer doc.Close()
		cur := src
		for i := 0; i+4 < len(script) && i < 60; i += 5 {
			var changes []handlers.ContentChange
			want := cur
			n := 1 + int(script[i]%3)
			for k := 0; k < n; k++ {
				b := script[(i+k)%len(script)]
				l1, c1 := uint32(script[(i+1+k)%len(script)]%8), uint32(script[(i+2+k)%len(script)]%12)
				l2, c2 := l1+uint32(b%2), uint32(script[(i+3+k)%len(script)]%12)
				text := texts[int(script[(i+4+k)%len(script)])%len(texts)]
				if b%17 == 16 {
					changes = append(changes, handlers.ContentChange{Text: text})
					want = []byte(text)
					continue
				}
				r := protocolRange(l1, c1, l2, c2)
				changes = append(changes, handlers.ContentChange{Range: &r, Text: text})
				s, e := refOffset(want, l1, c1, useUTF8), refOffset(want, l2, c2, useUTF8)
				if e < s {
					s, e = e, s
				}
				want = append(append(append([]byte{}, want[:s]...), text...), want[e:]...)
			}
			out, edits, full := handlers.ApplyChanges(cur, analysis.NewLineIndex(cur), changes, enc)
			if string(out) != string(want) {
				t.Fatalf("ApplyChanges(%q, %+v) = %q, want %q", cur, changes, out, want)
			}
			if full {
				err = doc.Replace(out)
			} else {
				err = doc.Update(out, edits)
			}
			if err != nil {
				t.Fatalf("reparse: %v", err)
			}
			fresh, err := syntax.Parse(out)
			if err != nil {
				t.Fatal(err)
			}
			// Broken text may recover differently after an incremental reparse (see
			// analysis/syntax's FuzzIncrementalEdits); valid text must give the same tree.
			strict := !treeHasErrors(fresh) || !treeHasErrors(doc.Tree()) || os.Getenv("PYWARD_FUZZ_STRICT") != ""
			if g, w := flatDescription(doc.Tree()), flatDescription(fresh); g != w && strict {
				t.Fatalf("after changes %+v to %q (edits %+v): incremental tree differs from a fresh parse of %q\nincremental: %s\nfresh:       %s",
					changes, cur, edits, out, doc.Tree().SExpr(0), fresh.SExpr(0))
			}
			cur = out
		}
	})
}

func treeHasErrors(t *syntax.Tree) bool {
	for i := range t.Nodes {
		if t.IsError(syntax.NodeID(i)) || t.IsMissing(syntax.NodeID(i)) {
			return true
		}
	}
	return false
}

func validUTF8(b []byte) bool { return utf8.Valid(b) }

func flatDescription(t *syntax.Tree) string {
	var b strings.Builder
	for i, n := range t.Nodes {
		fmt.Fprintf(&b, "%s/%s %d-%d %d %d %d %d;", t.Type(syntax.NodeID(i)), t.Field(syntax.NodeID(i)), n.Start, n.End, n.Parent, t.FirstChild(syntax.NodeID(i)), n.NextSibling, n.Flags)
	}
	return b.String()
}

// FuzzFeatures opens arbitrary text as a module of a package whose other modules
// import it (and that it imports), asks every feature at positions spread over the
// text, and checks that each request is answered without an internal error (a handler
// panic) and that the published diagnostics have ranges inside the document.
func FuzzFeatures(f *testing.F) {
	f.Add([]byte("from . import a\nfrom .a import f, _g\nimport pkg.a\n\nclass C:\n    def __init__(self):\n        self.__x = 1\n    def __eq__(self, o):\n        return super().__eq__(o)\n\nf()\nC()._C__x\n"), []byte{3, 17, 40, 90, 120, 200})
	f.Add([]byte("async def g():\n    await h()\nif g(): pass\nasyncio.run(g)\nasyncio.create_task(g())\n"), []byte{1, 5, 33, 60})
	f.Add([]byte("from ..x import y\nfrom .missing import z\nfrom . import *\n__all__ = ['q']\ndef __getattr__(n): pass\n"), []byte{6, 7, 25, 44})
	f.Add([]byte("x = '😀中\u0301'\r\ny = x.__len__()\rz = obj.__class__.__name__\n"), []byte{0, 9, 20, 30, 41})
	f.Add([]byte("def f(:\n  print 'x'\nclass (\n"), []byte{2, 12, 20})
	f.Fuzz(func(t *testing.T, src, positions []byte) {
		if len(src) > 4096 || !utf8.Valid(src) || len(positions) > 16 {
			return
		}
		fsys := pathing.NewMemFS(pathing.Posix)
		_ = fsys.AddTree(map[string]string{
			"/ws/pkg/__init__.py": "from .b import *\n",
			"/ws/pkg/a.py":        "from . import b\nfrom .b import C\nasync def f(): pass\ndef _g(): pass\nb.C()._C__x\n",
			"/ws/pkg/b.py":        string(src),
		})
		c := newTestClient(t, Options{FS: fsys, Logger: zap.NewNop()})
		c.initialize(map[string]any{"rootUri": "file:///ws", "capabilities": map[string]any{}})
		uri := "file:///ws/pkg/b.py"
		c.open(uri, string(src))
		c.open("file:///ws/pkg/a.py", "from . import b\nfrom .b import C\nb.C()._C__x\n")
		diags := c.waitDiagnostics(uri, 1)
		lines := analysis.NewLineIndex(src)
		for _, d := range diags.Diagnostics {
			r := d.Range
			if r.Start.Line > r.End.Line || (r.Start.Line == r.End.Line && r.Start.Character > r.End.Character) || int(r.End.Line) >= lines.LineCount()+1 {
				t.Fatalf("diagnostic %q has range %+v in a %d-line document", d.Message, r, lines.LineCount())
			}
		}
		td := map[string]any{"uri": uri}
		for _, p := range positions {
			off := int(p) * (len(src) + 1) / 256
			pos := lines.Position(uint32(off), analysis.UTF16)
			at := map[string]any{"line": pos.Line, "character": pos.Character}
			for _, method := range []string{"textDocument/hover", "textDocument/definition", "textDocument/declaration", "textDocument/completion"} {
				var res any
				if err := c.call(method, map[string]any{"textDocument": td, "position": at}, &res); err != nil && rpcCode(err) != jsonrpc2.MethodNotFound {
					t.Fatalf("%s at %d:%d of %q: %v", method, pos.Line, pos.Character, src, err)
				}
			}
			var res any
			if err := c.call("textDocument/codeAction", map[string]any{"textDocument": td,
				"range": map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": at}, "context": map[string]any{"diagnostics": []any{}}}, &res); err != nil {
				t.Fatalf("codeAction to %d:%d: %v", pos.Line, pos.Character, err)
			}
		}
	})
}
