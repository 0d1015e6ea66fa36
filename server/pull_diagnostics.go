package server

import (
	"context"
	"encoding/json"
	"sort"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/pathing"
)

// The LSP 3.17 pull model. A client that announces textDocument.diagnostic pulls:
// textDocument/diagnostic for an open document, workspace/diagnostic for every
// document it may show (the open ones, and in diagnosticMode "workspace" the files
// of the workspace). Nothing is pushed to it. The checks run as for push (on each
// change, importers re-checked, the workspace pass in the background); their
// findings are kept instead of published, and a pull answers with the findings of
// the document's current text, waiting for its check when it is under way. Result
// ids name the findings by content, so a report is "unchanged" exactly when the
// findings are those the client holds. When a re-check of a document whose text did
// not change (an import of it changed, the settings changed) changes its findings,
// the server asks clients that support it to pull again
// (workspace/diagnostic/refresh).

// refreshDelay gathers the re-checks of a burst into one refresh request.
const refreshDelay = 50 * time.Millisecond

// pullResult is the findings of one check of a document, as LSP diagnostics.
type pullResult struct {
	file    *analysis.File // the text checked (snapshots of one text share it)
	version int32
	items   []protocol.Diagnostic
	id      string // handlers.ResultID(items); "" until a pull asks (push clients)
}

func (r *pullResult) resultID() string {
	if r.id != "" {
		return r.id
	}
	return handlers.ResultID(r.items)
}

// documentResults holds a document's latest findings for pulls.
type documentResults struct {
	mu     sync.Mutex
	latest *pullResult
	// ready is closed when latest is replaced.
	ready chan struct{}
}

// set stores r and reports whether it changes the findings of the same text: a
// re-check other than of an edit found something else (known when both have ids,
// that is for clients that pull).
func (dr *documentResults) set(r *pullResult) (changed bool) {
	dr.mu.Lock()
	defer dr.mu.Unlock()
	prev := dr.latest
	changed = prev != nil && prev.file == r.file && prev.id != "" && r.id != "" && prev.id != r.id
	dr.latest = r
	if dr.ready != nil {
		close(dr.ready)
		dr.ready = nil
	}
	return changed
}

// get returns the latest findings and a channel closed when they are replaced.
func (dr *documentResults) get() (*pullResult, <-chan struct{}) {
	dr.mu.Lock()
	defer dr.mu.Unlock()
	if dr.ready == nil {
		dr.ready = make(chan struct{})
	}
	return dr.latest, dr.ready
}

// pullMode reports whether the client pulls diagnostics.
func (s *Server) pullMode() bool {
	ss := s.session
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	return ss.caps.pullDiagnostics
}

// recheckWait is how long a pull waits for the check of a document's current text
// before asking for one again (a check that was dropped).
const recheckWait = time.Second

// awaitResult returns the findings of d's current text, waiting for its check (of
// the document open under d's URI: one closed and opened again meanwhile is followed).
func (s *Server) awaitResult(ctx context.Context, d *document) (*pullResult, error) {
	for {
		cur, ok := s.session.lookup(d.uri)
		if !ok {
			return nil, handlers.ErrUnknownDocument(d.uri)
		}
		d = cur
		snap := d.snapshot()
		r, ready := d.results.get()
		if r != nil && snap != nil && r.file == snap.File {
			return r, nil
		}
		select {
		case <-ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(recheckWait):
			s.requestRecheck(d)
		}
	}
}

// requestRefresh asks the client to pull again, when it supports that: once for the
// re-checks of a burst.
func (s *Server) requestRefresh() {
	ss := s.session
	ss.mu.RLock()
	refresh := ss.caps.diagnosticRefresh
	ss.mu.RUnlock()
	if !refresh || s.ctx == nil || s.refreshQueued.Swap(true) {
		return
	}
	go func() {
		select {
		case <-time.After(refreshDelay):
		case <-s.ctx.Done():
			return
		}
		s.refreshQueued.Store(false)
		ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		defer cancel()
		if err := s.clientCall(ctx, "workspace/diagnostic/refresh", nil, nil); err != nil && s.ctx.Err() == nil {
			s.log.Info("workspace/diagnostic/refresh failed", zap.Error(err))
		}
	}()
}

// documentDiagnostic answers textDocument/diagnostic: the findings of an open
// document's current text, or "unchanged" when they are those the client holds.
func (s *Server) documentDiagnostic(ctx context.Context, _ handlers.Env, raw json.RawMessage) (any, error) {
	var p handlers.DocumentDiagnosticParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	d, ok := s.session.lookup(p.TextDocument.URI)
	if !ok {
		return nil, handlers.ErrUnknownDocument(p.TextDocument.URI)
	}
	r, err := s.awaitResult(ctx, d)
	if err != nil {
		return nil, err
	}
	return handlers.Report(r.items, r.resultID(), p.PreviousResultID), nil
}

// workspaceDiagnostic answers workspace/diagnostic: a report for each open document
// and, in diagnosticMode "workspace", for each file of the workspace (once the pass
// under way has checked them all); a document the client holds a result for and that
// has none any more (closed, deleted, excluded) gets an empty report.
func (s *Server) workspaceDiagnostic(ctx context.Context, _ handlers.Env, raw json.RawMessage) (any, error) {
	var p handlers.WorkspaceDiagnosticParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	previous := map[string]string{}
	for _, pr := range p.PreviousResultIDs {
		previous[pathing.DocumentKey(string(pr.URI))] = pr.Value
	}
	out := handlers.WorkspaceDiagnosticReport{Items: []handlers.WorkspaceDocumentDiagnosticReport{}}
	reported := map[string]bool{}
	openPaths := map[string]bool{}
	for _, d := range s.session.openDocuments() {
		r, err := s.awaitResult(ctx, d)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue // closed meanwhile
		}
		v := r.version
		out.Items = append(out.Items, handlers.WorkspaceDocumentDiagnosticReport{URI: d.uri, Version: &v,
			DocumentDiagnosticReport: handlers.Report(r.items, r.resultID(), previous[d.key])})
		reported[d.key] = true
		if d.isFile {
			openPaths[d.path] = true
		}
	}
	ss := s.session
	ss.mu.RLock()
	mode := ss.settings.DiagnosticMode
	ss.mu.RUnlock()
	if mode == DiagnosticsWorkspace {
		if err := s.wpass.await(ctx); err != nil {
			return nil, err
		}
		for _, fr := range s.wpass.snapshotResults() {
			key := pathing.DocumentKey(string(fr.uri))
			if openPaths[fr.path] || reported[key] {
				continue // the open document speaks for its file
			}
			id := fr.id
			if id == "" {
				id = handlers.ResultID(fr.items)
			}
			out.Items = append(out.Items, handlers.WorkspaceDocumentDiagnosticReport{URI: fr.uri,
				DocumentDiagnosticReport: handlers.Report(fr.items, id, previous[key])})
			reported[key] = true
		}
	}
	empty := []protocol.Diagnostic{}
	emptyID := handlers.ResultID(empty)
	for _, pr := range p.PreviousResultIDs {
		key := pathing.DocumentKey(string(pr.URI))
		if reported[key] {
			continue
		}
		reported[key] = true
		out.Items = append(out.Items, handlers.WorkspaceDocumentDiagnosticReport{URI: pr.URI,
			DocumentDiagnosticReport: handlers.Report(empty, emptyID, pr.Value)})
	}
	sort.Slice(out.Items, func(i, j int) bool { return out.Items[i].URI < out.Items[j].URI })
	return out, nil
}
