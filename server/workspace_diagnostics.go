package server

import (
	"context"
	"os"
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
// its findings are published (push, without a version). A new pass (settings, file
// changes, renames) cancels the one running.
type workspacePass struct {
	mu        sync.Mutex
	cancel    context.CancelFunc
	published map[string]protocol.DocumentURI // path -> URI the passes published for
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
	wp.mu.Unlock()
	go s.workspaceDiagnostics(ctx)
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
	// Files that are gone (or all, in openFiles mode) lose what a pass published.
	wp := &s.wpass
	wp.mu.Lock()
	var clear []protocol.DocumentURI
	for p, u := range wp.published {
		if !seen[p] {
			clear = append(clear, u)
			delete(wp.published, p)
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
	wp := &s.wpass
	wp.mu.Lock()
	if wp.published == nil {
		wp.published = map[string]protocol.DocumentURI{}
	}
	wp.published[path] = uri
	wp.mu.Unlock()
	s.notify("textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{
		URI:         uri,
		Diagnostics: handlers.Diagnostics(snap, diags, ss.env().Encoding()),
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
