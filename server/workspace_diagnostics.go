package server

import (
	"context"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/pathing"
)

// workspacePass is the background check of diagnosticMode "workspace": every Python
// file of the workspace folders that is not open is checked, one at a time, only
// while no open document is being checked (open documents are never delayed), and
// its findings are published (push, without a version) or kept for
// workspace/diagnostic (pull). A new pass (settings, file changes, renames) cancels
// the one running.
type workspacePass struct {
	mu        sync.Mutex
	cancel    context.CancelFunc
	published map[string]protocol.DocumentURI // path -> URI the passes published for
	// results are the findings of the files checked, by path, for workspace pulls.
	results map[string]fileResult
	// done is closed when the latest pass ends (finished or replaced); before the
	// first pass starts (after initialized), it stands for that pass.
	done    chan struct{}
	started bool
}

// fileResult is the findings of a file that is not open.
type fileResult struct {
	path  string
	uri   protocol.DocumentURI
	items []protocol.Diagnostic
	id    string // handlers.ResultID(items), for clients that pull ("" otherwise)
}

// await waits until the latest pass has ended; a pass that a newer one replaced is
// followed by the newer one.
func (wp *workspacePass) await(ctx context.Context) error {
	for {
		wp.mu.Lock()
		done := wp.done
		wp.mu.Unlock()
		if done == nil {
			return nil
		}
		select {
		case <-done:
		case <-ctx.Done():
			return ctx.Err()
		}
		wp.mu.Lock()
		same := wp.done == done
		wp.mu.Unlock()
		if same {
			return nil
		}
	}
}

// snapshotResults returns the findings of the files checked, sorted by path.
func (wp *workspacePass) snapshotResults() []fileResult {
	wp.mu.Lock()
	out := make([]fileResult, 0, len(wp.results))
	for _, r := range wp.results {
		out = append(out, r)
	}
	wp.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// startWorkspaceDiagnostics starts a pass (or, in openFiles mode, clears what earlier
// passes published).
func (s *Server) startWorkspaceDiagnostics() {
	if s.ctx == nil {
		return
	}
	wp := &s.wpass
	wp.mu.Lock()
	if wp.cancel != nil {
		wp.cancel()
	}
	ctx, cancel := context.WithCancel(s.ctx)
	wp.cancel = cancel
	if wp.done != nil && !wp.started {
		close(wp.done) // the first pass is this one
	}
	wp.started = true
	done := make(chan struct{})
	wp.done = done
	wp.mu.Unlock()
	go func() {
		defer close(done)
		s.workspaceDiagnostics(ctx)
	}()
}

// workspaceDiagnostics runs one pass.
func (s *Server) workspaceDiagnostics(ctx context.Context) {
	ss := s.session
	ss.mu.RLock()
	mode := ss.settings.DiagnosticMode
	folders := append([]string(nil), ss.folders...)
	ss.mu.RUnlock()
	seen := map[string]bool{}
	if mode == DiagnosticsWorkspace {
		for _, f := range folders {
			s.walkWorkspace(ctx, f, seen)
		}
	}
	if ctx.Err() != nil {
		return
	}
	// Files that are gone (or all, in openFiles mode) lose what a pass published
	// (a client that pulls is told by the next workspace report).
	wp := &s.wpass
	wp.mu.Lock()
	var clear []protocol.DocumentURI
	for p, u := range wp.published {
		if !seen[p] {
			clear = append(clear, u)
			delete(wp.published, p)
		}
	}
	for p := range wp.results {
		if !seen[p] {
			delete(wp.results, p)
		}
	}
	wp.mu.Unlock()
	for _, u := range clear {
		if _, open := ss.lookup(u); !open {
			s.notify("textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: []protocol.Diagnostic{}})
		}
	}
}

// walkWorkspace checks the Python files under dir (not excluded, not hidden).
func (s *Server) walkWorkspace(ctx context.Context, dir string, seen map[string]bool) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if ctx.Err() != nil {
			return
		}
		p := pathing.Host.Join(dir, e.Name())
		if strings.HasPrefix(e.Name(), ".") || s.session.excluded(p) {
			continue
		}
		if e.IsDir() {
			s.walkWorkspace(ctx, p, seen)
			continue
		}
		if !e.Type().IsRegular() || !(strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyi")) {
			continue
		}
		seen[p] = true
		s.checkFileOnDisk(ctx, p)
	}
}

// checkFileOnDisk checks one file that is not open, when no open document is being
// checked, and publishes its findings.
func (s *Server) checkFileOnDisk(ctx context.Context, path string) {
	ss := s.session
	if _, open := ss.env().DocumentByPath(path); open {
		return
	}
	for s.openChecks.Load() > 0 {
		select {
		case <-ctx.Done():
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	m, err := ss.index.Module(path)
	if err != nil {
		return
	}
	file := &analysis.File{Path: path, Module: m}
	diags := s.checker.Check(ctx, file, ss.index, ss.config())
	if ctx.Err() != nil {
		return
	}
	if _, open := ss.env().DocumentByPath(path); open {
		return // opened meanwhile: its own check speaks for it
	}
	uri := protocol.DocumentURI(pathing.PathToURI(path))
	snap := &handlers.Document{URI: uri, File: file}
	items := handlers.Diagnostics(snap, diags, ss.env().Encoding())
	pull := s.pullMode()
	wp := &s.wpass
	wp.mu.Lock()
	if wp.results == nil {
		wp.results = map[string]fileResult{}
	}
	fr := fileResult{path: path, uri: uri, items: items}
	if pull {
		fr.id = handlers.ResultID(items)
	}
	wp.results[path] = fr
	if !pull {
		if wp.published == nil {
			wp.published = map[string]protocol.DocumentURI{}
		}
		wp.published[path] = uri
	}
	wp.mu.Unlock()
	if pull {
		return // the next workspace/diagnostic reports it
	}
	s.notify("textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{
		URI:         uri,
		Diagnostics: items,
	})
}

// closedInWorkspaceMode checks a document just closed from its file on disk, in
// workspace mode, so that its findings stay listed.
func (s *Server) closedInWorkspaceMode(path string) {
	ss := s.session
	ss.mu.RLock()
	mode := ss.settings.DiagnosticMode
	ss.mu.RUnlock()
	if mode != DiagnosticsWorkspace || path == "" || s.ctx == nil || ss.excluded(path) {
		return
	}
	go s.checkFileOnDisk(s.ctx, path)
}
