// Package lspclient is a small, server-agnostic LSP client over a byte stream (a
// child process's stdin/stdout, or a pipe). It frames messages itself, matches replies
// to requests, answers the requests servers send to clients (workspace/configuration,
// client/registerCapability, window/workDoneProgress/create) and records every
// textDocument/publishDiagnostics with its arrival time, so that benchmarks and
// end-to-end tests can wait for "the diagnostics of this version" with a bound.
package lspclient

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ResponseError is a JSON-RPC error reply.
type ResponseError struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *ResponseError) Error() string { return fmt.Sprintf("jsonrpc error %d: %s", e.Code, e.Message) }

// Diagnostics is one publishDiagnostics notification as received.
type Diagnostics struct {
	URI string
	// Version is the document version the server published for, or -1 when it sent none.
	Version int
	// Items are the diagnostics, undecoded.
	Items []json.RawMessage
	// At is when the notification arrived (its frame was read, before it was decoded).
	At time.Time
	// Seq numbers notifications in arrival order, from 1, across all documents.
	Seq int64
}

// message is any JSON-RPC message.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *ResponseError  `json:"error,omitempty"`
}

// Client is one LSP connection.
type Client struct {
	in  io.WriteCloser
	out *bufio.Reader

	cmd    *exec.Cmd
	exited chan struct{} // closed when the process has ended

	writeMu sync.Mutex
	nextID  atomic.Int64

	mu       sync.Mutex
	pending  map[string]chan *message
	diags    map[string][]Diagnostics
	seq      int64
	changed  chan struct{} // closed and replaced on every notification
	readErr  error
	requests []string // methods of the requests the server sent

	done chan struct{}

	// OnRequest, when set before the first message arrives, answers requests from the
	// server; returning handled=false falls back to the defaults.
	OnRequest func(method string, params json.RawMessage) (result any, handled bool)
	// OnNotification, when set, sees every notification other than publishDiagnostics.
	OnNotification func(method string, params json.RawMessage)
}

// Start spawns argv (in dir, when not empty) and connects to its stdin/stdout. The
// server's stderr goes to stderr (nil discards it).
func Start(argv []string, dir string, env []string, stderr io.Writer) (*Client, error) {
	if len(argv) == 0 {
		return nil, errors.New("lspclient: no command")
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	if stderr == nil {
		stderr = io.Discard
	}
	cmd.Stderr = stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", argv[0], err)
	}
	c := newClient(stdout, stdin)
	c.cmd = cmd
	c.exited = make(chan struct{})
	go c.readLoop()
	go func() { _ = cmd.Wait(); close(c.exited) }()
	return c, nil
}

// New connects to a server over r (what it writes) and w (what it reads).
func New(r io.Reader, w io.WriteCloser) *Client {
	c := newClient(r, w)
	go c.readLoop()
	return c
}

func newClient(r io.Reader, w io.WriteCloser) *Client {
	return &Client{
		in:      w,
		out:     bufio.NewReaderSize(r, 1<<16),
		pending: map[string]chan *message{},
		diags:   map[string][]Diagnostics{},
		changed: make(chan struct{}),
		done:    make(chan struct{}),
	}
}

// Pid is the server process's id, or 0 when the client was not started by Start.
func (c *Client) Pid() int {
	if c.cmd == nil || c.cmd.Process == nil {
		return 0
	}
	return c.cmd.Process.Pid
}

// Done is closed when the server's output ends.
func (c *Client) Done() <-chan struct{} { return c.done }

// Err is why the output ended, once Done is closed.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.readErr
}

// ServerRequests returns the methods of the requests the server has sent so far.
func (c *Client) ServerRequests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.requests...)
}

// WriteRaw writes bytes to the server as they are (for tests of bad input).
func (c *Client) WriteRaw(b []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_, err := c.in.Write(b)
	return err
}

func (c *Client) write(m *message) error {
	m.JSONRPC = "2.0"
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err = c.in.Write(data)
	return err
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) error {
	raw, err := marshalParams(params)
	if err != nil {
		return err
	}
	return c.write(&message{Method: method, Params: raw})
}

func marshalParams(params any) (json.RawMessage, error) {
	if params == nil {
		return nil, nil
	}
	if raw, ok := params.(json.RawMessage); ok {
		return raw, nil
	}
	b, err := json.Marshal(params)
	return b, err
}

// Call sends a request and waits for its reply, decoding the result into result (when
// not nil). A JSON-RPC error reply is returned as *ResponseError. When ctx ends first,
// Call sends $/cancelRequest and returns ctx's error.
func (c *Client) Call(ctx context.Context, method string, params any, result any) error {
	raw, err := c.CallRaw(ctx, method, params)
	if err != nil {
		return err
	}
	if result != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, result); err != nil {
			return fmt.Errorf("decode %s result: %w", method, err)
		}
	}
	return nil
}

// CallRaw is Call returning the undecoded result.
func (c *Client) CallRaw(ctx context.Context, method string, params any) (json.RawMessage, error) {
	id := c.nextID.Add(1)
	key := strconv.FormatInt(id, 10)
	ch := make(chan *message, 1)
	c.mu.Lock()
	if c.readErr != nil {
		c.mu.Unlock()
		return nil, fmt.Errorf("%s: connection closed: %w", method, c.readErr)
	}
	c.pending[key] = ch
	c.mu.Unlock()
	rawParams, err := marshalParams(params)
	if err != nil {
		return nil, err
	}
	if err := c.write(&message{ID: json.RawMessage(key), Method: method, Params: rawParams}); err != nil {
		c.forget(key)
		return nil, fmt.Errorf("send %s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m == nil {
			return nil, fmt.Errorf("%s: connection closed before the reply", method)
		}
		if m.Error != nil {
			return nil, m.Error
		}
		return m.Result, nil
	case <-ctx.Done():
		c.forget(key)
		_ = c.Notify("$/cancelRequest", map[string]any{"id": id})
		return nil, fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

func (c *Client) forget(key string) {
	c.mu.Lock()
	delete(c.pending, key)
	c.mu.Unlock()
}

func (c *Client) readLoop() {
	var err error
	defer func() {
		c.mu.Lock()
		if err == nil {
			err = io.EOF
		}
		c.readErr = err
		for k, ch := range c.pending {
			close(ch)
			delete(c.pending, k)
		}
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
		close(c.done)
	}()
	for {
		var body []byte
		body, err = readFrame(c.out)
		if err != nil {
			return
		}
		arrived := time.Now() // latencies end when a message arrives, not when it is decoded
		var m message
		if jerr := json.Unmarshal(body, &m); jerr != nil {
			continue // not ours to fix: a test of the server's output checks frames itself
		}
		switch {
		case m.Method != "" && len(m.ID) > 0:
			go c.answer(&m)
		case m.Method != "":
			c.notification(&m, arrived)
		default:
			key := strings.TrimSpace(string(m.ID))
			c.mu.Lock()
			ch, ok := c.pending[key]
			delete(c.pending, key)
			c.mu.Unlock()
			if ok {
				ch <- &m
			}
		}
	}
}

// readFrame reads one Content-Length framed message.
func readFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if length < 0 {
				continue
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			length = n
		}
	}
	body := make([]byte, length)
	_, err := io.ReadFull(r, body)
	return body, err
}

func (c *Client) notification(m *message, arrived time.Time) {
	if m.Method != "textDocument/publishDiagnostics" {
		if c.OnNotification != nil {
			c.OnNotification(m.Method, m.Params)
		}
		return
	}
	var p struct {
		URI         string            `json:"uri"`
		Version     *int              `json:"version"`
		Diagnostics []json.RawMessage `json:"diagnostics"`
	}
	if err := json.Unmarshal(m.Params, &p); err != nil {
		return
	}
	d := Diagnostics{URI: p.URI, Version: -1, Items: p.Diagnostics, At: arrived}
	if p.Version != nil {
		d.Version = *p.Version
	}
	c.mu.Lock()
	c.seq++
	d.Seq = c.seq
	c.diags[p.URI] = append(c.diags[p.URI], d)
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
}

// answer replies to a request from the server.
func (c *Client) answer(m *message) {
	c.mu.Lock()
	c.requests = append(c.requests, m.Method)
	c.mu.Unlock()
	if c.OnRequest != nil {
		if res, ok := c.OnRequest(m.Method, m.Params); ok {
			c.reply(m.ID, res)
			return
		}
	}
	switch m.Method {
	case "workspace/configuration":
		var p struct {
			Items []json.RawMessage `json:"items"`
		}
		_ = json.Unmarshal(m.Params, &p)
		res := make([]any, len(p.Items))
		for i := range res {
			res[i] = map[string]any{}
		}
		c.reply(m.ID, res)
	case "workspace/workspaceFolders":
		c.reply(m.ID, nil)
	default:
		// client/registerCapability, window/workDoneProgress/create,
		// window/showMessageRequest, ...: accept.
		c.reply(m.ID, nil)
	}
}

func (c *Client) reply(id json.RawMessage, result any) {
	raw, err := json.Marshal(result)
	if err != nil {
		raw = json.RawMessage("null")
	}
	resp := struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Result  json.RawMessage `json:"result"`
	}{"2.0", id, raw}
	data, _ := json.Marshal(resp)
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n", len(data)); err == nil {
		_, _ = c.in.Write(data)
	}
}

// Seq is the number of publishDiagnostics received so far; pass it to WaitDiagnostics
// to wait for a notification that arrives after now.
func (c *Client) Seq() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.seq
}

// Published returns every publishDiagnostics received for uri.
func (c *Client) Published(uri string) []Diagnostics {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Diagnostics(nil), c.diags[uri]...)
}

// Latest returns the last publishDiagnostics for uri.
func (c *Client) Latest(uri string) (Diagnostics, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.diags[uri]
	if len(l) == 0 {
		return Diagnostics{}, false
	}
	return l[len(l)-1], true
}

// WaitDiagnostics waits for a publishDiagnostics for uri that arrived after sequence
// number after and whose version is at least minVersion (a notification without a
// version matches any minVersion). It returns ctx's error when ctx ends first.
func (c *Client) WaitDiagnostics(ctx context.Context, uri string, after int64, minVersion int) (Diagnostics, error) {
	for {
		c.mu.Lock()
		list := c.diags[uri]
		for i := len(list) - 1; i >= 0 && list[i].Seq > after; i-- {
			// Return the earliest match after `after`.
			if list[i].Version >= minVersion || list[i].Version < 0 {
				j := i
				for j > 0 && list[j-1].Seq > after && (list[j-1].Version >= minVersion || list[j-1].Version < 0) {
					j--
				}
				d := list[j]
				c.mu.Unlock()
				return d, nil
			}
		}
		ch := c.changed
		closed := c.readErr
		c.mu.Unlock()
		if closed != nil {
			return Diagnostics{}, fmt.Errorf("waiting for diagnostics of %s: connection closed: %w", uri, closed)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return Diagnostics{}, fmt.Errorf("waiting for diagnostics of %s (version >= %d): %w", uri, minVersion, ctx.Err())
		}
	}
}

// Shutdown sends shutdown and exit and waits (up to timeout) for the process to end,
// returning its exit code; it kills the process when it does not end in time. For a
// client made by New it returns 0 after sending exit.
func (c *Client) Shutdown(timeout time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	serr := c.Call(ctx, "shutdown", nil, nil)
	_ = c.Notify("exit", nil)
	if c.cmd == nil {
		return 0, serr
	}
	select {
	case <-c.exited:
	case <-ctx.Done():
		_ = c.cmd.Process.Kill()
		<-c.exited
		_ = c.in.Close()
		return -1, fmt.Errorf("server did not exit within %v (killed)", timeout)
	}
	_ = c.in.Close()
	return c.cmd.ProcessState.ExitCode(), serr
}

// Kill ends the server process at once (no shutdown), for clean-up paths.
func (c *Client) Kill() {
	if c.cmd == nil || c.cmd.Process == nil {
		return
	}
	_ = c.cmd.Process.Signal(os.Kill)
	select {
	case <-c.exited:
	case <-time.After(5 * time.Second):
	}
	_ = c.in.Close()
}

// Exited is closed when the server process has ended (never, for New clients).
func (c *Client) Exited() <-chan struct{} {
	if c.exited == nil {
		return make(chan struct{})
	}
	return c.exited
}

// ExitCode is the ended process's exit code, or -1 while it runs or for New clients.
func (c *Client) ExitCode() int {
	if c.exited == nil {
		return -1
	}
	select {
	case <-c.exited:
		return c.cmd.ProcessState.ExitCode()
	default:
		return -1
	}
}
