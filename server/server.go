// Package server is pyward's LSP connection: JSON-RPC over a stream, request dispatch
// with cancellation and panic recovery, the session (open documents, workspace folders,
// settings) and the diagnostics scheduler. Features live in package handlers.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// RequestCancelled is the LSP error code of a request the client cancelled.
const RequestCancelled jsonrpc2.Code = -32800

// Options configure a Server.
type Options struct {
	// Logger receives the server's logs; nil discards them.
	Logger *zap.Logger
	// FS is the filesystem the server reads modules from; nil means the real one.
	FS pathing.FS
	// PythonPath is the interpreter whose sys.path supplies installed modules when the
	// settings name none; "" means python3 on PATH, "-" means do not ask an interpreter.
	PythonPath string
	// NoCache turns off pyward's cache folder (the cached interpreter answers), whatever
	// the settings say.
	NoCache bool
	// Version is reported in initialize's serverInfo.
	Version string
	// OnSettings, when set, is called with the settings each time they change (the
	// command uses it to apply log.level).
	OnSettings func(Settings)
}

// Server is one LSP session over one connection.
type Server struct {
	opts Options
	log  *zap.Logger
	conn jsonrpc2.Conn

	// ctx ends when the connection ends; background work derives from it.
	ctx    context.Context
	cancel context.CancelFunc

	inflightMu sync.Mutex
	// inflight holds the cancel function of each running request, by id. An entry is
	// a pointer so that a request removes only its own entry, not that of a later
	// request reusing its id after the answer.
	inflight map[string]*context.CancelFunc

	session *session

	// checker runs the rules; it logs a rule that panics.
	checker analysis.Checker

	// openChecks counts the checks of open documents in flight; wpass is the
	// background check of the workspace (diagnosticMode "workspace").
	openChecks atomic.Int64
	wpass      workspacePass
	// syntax confirms syntax errors with the interpreter (see syntaxOracle).
	syntax *syntaxOracle

	layers settingsLayers

	// refreshQueued is set while a workspace/diagnostic/refresh is about to be sent.
	refreshQueued atomic.Bool

	// firstPublish is closed when the session publishes its first diagnostics.
	firstPublish     chan struct{}
	firstPublishOnce sync.Once
	// checkSlots bounds the queued checks running at once (scheduleQueuedCheck).
	checkSlots chan struct{}

	// queries counts the interpreter questions running in the background; shutdown
	// (closing shuttingDown) starts a waiting one at once and waits for them a little,
	// so that even a short session caches the answer for the next.
	queries      sync.WaitGroup
	shuttingDown chan struct{}
	shutdownOnce sync.Once

	exitCode     int
	exitOnce     sync.Once
	exited       chan struct{}
	shutdownSeen bool
}

// Serve runs an LSP session on rwc until the client sends exit or the stream ends.
// It returns the process exit code the LSP spec asks for: 0 after shutdown then exit,
// 1 otherwise.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	s := New(opts)
	return s.Run(ctx, rwc)
}

// New returns a Server ready to Run.
func New(opts Options) *Server {
	log := opts.Logger
	if log == nil {
		log = zap.NewNop()
	}
	if opts.FS == nil {
		opts.FS = pathing.OSFS
	}
	s := &Server{opts: opts, log: log, inflight: map[string]*context.CancelFunc{}, exited: make(chan struct{}), exitCode: 1,
		firstPublish: make(chan struct{}), checkSlots: make(chan struct{}, runtime.GOMAXPROCS(0)), shuttingDown: make(chan struct{})}
	s.session = newSession(s)
	s.wpass.done = make(chan struct{}) // the first pass, to come
	s.syntax = &syntaxOracle{}
	s.checker = analysis.Checker{Syntax: s.syntax, OnPanic: func(rule string, p any) {
		log.Error("rule panicked", zap.String("rule", rule), zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
	}}
	return s
}

// Run serves rwc and returns the exit code.
func (s *Server) Run(ctx context.Context, rwc io.ReadWriteCloser) int {
	s.ctx, s.cancel = context.WithCancel(ctx)
	defer s.cancel()
	s.conn = jsonrpc2.NewConn(newStream(rwc, s.log))
	s.conn.Go(s.ctx, s.handle)
	select {
	case <-s.conn.Done():
		if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, context.Canceled) {
			s.log.Info("connection ended", zap.Error(err))
		}
	case <-s.exited:
		_ = s.conn.Close()
	}
	s.session.close()
	s.syntax.close()
	return s.exitCode
}

// handle is the jsonrpc2 handler. It never returns an error (that would close the
// connection): every failure becomes an error reply or a log line.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	call, isCall := req.(*jsonrpc2.Call)
	method := req.Method()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("handler panicked", zap.String("method", method), zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
			if isCall {
				_ = reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, p))
			}
		}
	}()

	if method == "$/cancelRequest" {
		s.cancelRequest(req.Params())
		return nil
	}
	if !isCall {
		s.notification(ctx, method, req.Params())
		return nil
	}
	s.call(ctx, reply, call)
	return nil
}

// idKey is a map key for a request id, distinguishing 1 from "1".
func idKey(raw json.RawMessage) string {
	return strings.TrimSpace(string(raw))
}

func (s *Server) cancelRequest(params json.RawMessage) {
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if err := json.Unmarshal(params, &p); err != nil || len(p.ID) == 0 {
		s.log.Warn("ignoring $/cancelRequest without an id", zap.ByteString("params", params))
		return
	}
	key := idKey(p.ID)
	// Numeric ids may come as 1 or 1.0: normalise numbers.
	var f float64
	if json.Unmarshal(p.ID, &f) == nil {
		key = fmt.Sprintf("%d", int64(f))
	}
	s.inflightMu.Lock()
	cancel, ok := s.inflight[key]
	s.inflightMu.Unlock()
	if ok {
		(*cancel)()
		s.log.Debug("cancelled request", zap.String("id", key))
	}
}

// call handles a request. Lifecycle requests run in order; every other request runs in
// its own goroutine on a snapshot taken now, so it sees every notification that came
// before it, and so a later $/cancelRequest can stop it.
func (s *Server) call(ctx context.Context, reply jsonrpc2.Replier, call *jsonrpc2.Call) {
	method := call.Method()
	switch method {
	case "initialize":
		res, err := s.initialize(ctx, call.Params())
		_ = reply(ctx, res, err)
		return
	case "shutdown":
		s.shutdownSeen = true
		s.session.shutdown()
		s.finishQueries(shutdownQueryWait)
		_ = reply(ctx, nil, nil)
		return
	}
	if !s.session.initialized() {
		_ = reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "the server is not initialized: send initialize first"))
		return
	}
	if s.shutdownSeen {
		_ = reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down"))
		return
	}
	h, ok := requestHandlers[method]
	if !ok {
		_ = reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method))
		return
	}
	id := call.ID()
	idRaw, _ := json.Marshal(&id) // MarshalJSON has a pointer receiver
	key := idKey(idRaw)
	reqCtx, cancel := context.WithCancel(s.ctx)
	s.inflightMu.Lock()
	entry := &cancel
	s.inflight[key] = entry
	s.inflightMu.Unlock()
	env := s.session.env()
	go func() {
		defer func() {
			s.inflightMu.Lock()
			if s.inflight[key] == entry {
				delete(s.inflight, key)
			}
			s.inflightMu.Unlock()
			cancel()
		}()
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("request panicked", zap.String("method", method), zap.Any("panic", p), zap.ByteString("stack", debug.Stack()))
				_ = reply(s.ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, p))
			}
		}()
		res, err := h(reqCtx, s, env, call.Params())
		if reqCtx.Err() != nil && s.ctx.Err() == nil {
			res, err = nil, jsonrpc2.NewError(RequestCancelled, "request cancelled")
		}
		if err != nil {
			var rpcErr *jsonrpc2.Error
			if !errors.As(err, &rpcErr) {
				err = jsonrpc2.Errorf(jsonrpc2.InternalError, "%s: %v", method, err)
			}
			s.log.Debug("request failed", zap.String("method", method), zap.Error(err))
		}
		if werr := reply(s.ctx, res, err); werr != nil {
			s.log.Warn("cannot send reply", zap.String("method", method), zap.Error(werr))
		}
	}()
}

// notification handles a notification synchronously, so that edits apply in order.
func (s *Server) notification(ctx context.Context, method string, params json.RawMessage) {
	switch method {
	case "initialized":
		s.initializedNotification()
		return
	case "exit":
		if s.shutdownSeen {
			s.exitCode = 0
		}
		s.exitOnce.Do(func() { close(s.exited) })
		return
	}
	if !s.session.initialized() {
		s.log.Warn("dropping a notification that came before initialize", zap.String("method", method))
		return
	}
	h, ok := notificationHandlers[method]
	if !ok {
		if !strings.HasPrefix(method, "$/") {
			s.log.Debug("ignoring unknown notification", zap.String("method", method))
		}
		return
	}
	if err := h(s, params); err != nil {
		s.log.Warn("notification failed", zap.String("method", method), zap.Error(err))
	}
}

// decode unmarshals params into v, turning failures into InvalidParams errors that say what is wrong.
func decode(params json.RawMessage, v any) error {
	if len(params) == 0 || string(params) == "null" {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, "missing params")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
	}
	return nil
}

// notify sends a notification to the client, logging failures.
func (s *Server) notify(method string, params any) {
	if s.conn == nil {
		return
	}
	if err := s.conn.Notify(s.ctx, method, params); err != nil && s.ctx.Err() == nil {
		s.log.Warn("cannot notify client", zap.String("method", method), zap.Error(err))
	}
}

// clientCall sends a request to the client and waits for the answer. It must not be
// called from the handler goroutine (the answer arrives through it).
func (s *Server) clientCall(ctx context.Context, method string, params, result any) error {
	if s.conn == nil {
		return errors.New("no connection")
	}
	_, err := s.conn.Call(ctx, method, params, result)
	return err
}
