package server

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/pathing"
)

// dependentDelay is how long re-checks of importers wait, so that a burst of typing in
// one module re-checks the modules that import it once, not on every keystroke.
const dependentDelay = 75 * time.Millisecond

// scheduleCheck cancels the check in flight for d and starts one for snap, unless d
// was closed: the check of an edit, which starts at once.
func (s *Server) scheduleCheck(d *document, snap *handlers.Document) {
	s.scheduleCheckAfter(d, snap, 0, false)
}

// scheduleQueuedCheck is scheduleCheck for the checks that come in bursts (documents
// opened, importers re-checked, settings): they wait for one of GOMAXPROCS slots, so
// that fifty files opened at once are checked a few at a time, not all in one heap.
func (s *Server) scheduleQueuedCheck(d *document, snap *handlers.Document, delay time.Duration) {
	s.scheduleCheckAfter(d, snap, delay, true)
}

func (s *Server) scheduleCheckAfter(d *document, snap *handlers.Document, delay time.Duration, queued bool) {
	ctx, cancel := context.WithCancel(s.ctx)
	d.checkMu.Lock()
	if d.closed {
		// A re-check that listed d before its didClose: the close published the
		// document's last diagnostics (none).
		d.checkMu.Unlock()
		cancel()
		return
	}
	if d.checkCancel != nil {
		d.checkCancel()
	}
	d.checkCancel = cancel
	d.checkSeq++
	seq := d.checkSeq
	d.checkMu.Unlock()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("diagnostics panicked", zap.String("uri", string(d.uri)), zap.Any("panic", p))
			}
		}()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-ctx.Done():
				return
			}
		}
		if queued {
			select {
			case s.checkSlots <- struct{}{}:
				defer func() { <-s.checkSlots }()
			case <-ctx.Done():
				return
			}
		}
		d.checkMu.Lock()
		if d.checkSeq != seq {
			d.checkMu.Unlock()
			return
		}
		d.checkRunning = true
		d.checkMu.Unlock()
		s.check(ctx, d, snap, seq)
		d.checkMu.Lock()
		again := false
		if d.checkSeq == seq {
			d.checkRunning = false
			again, d.recheckPending = d.recheckPending, false
		}
		d.checkMu.Unlock()
		if again {
			if latest := d.snapshot(); latest != nil {
				s.scheduleQueuedCheck(d, latest, 0)
			}
		}
	}()
}

// requestRecheck re-checks d because something other than its text changed (settings,
// the interpreter's sys.path, files on disk). A check already running is not
// cancelled: its diagnostics are published first, then d is checked again. So the
// first diagnostics of a new session are not held back by the arrival of sys.path.
func (s *Server) requestRecheck(d *document) {
	d.checkMu.Lock()
	if d.checkRunning {
		d.recheckPending = true
		d.checkMu.Unlock()
		return
	}
	d.checkMu.Unlock()
	if snap := d.snapshot(); snap != nil {
		s.scheduleQueuedCheck(d, snap, 0)
	}
}

// cancelCheck stops the check in flight; one that is about to publish no longer can.
func (d *document) cancelCheck() {
	d.checkMu.Lock()
	defer d.checkMu.Unlock()
	d.checkSeq++
	if d.checkCancel != nil {
		d.checkCancel()
		d.checkCancel = nil
	}
}

// check runs the rules on snap and publishes the result if it is still the latest.
func (s *Server) check(ctx context.Context, d *document, snap *handlers.Document, seq uint64) {
	// The workspace pass (diagnosticMode "workspace") waits while open documents are checked.
	s.openChecks.Add(1)
	defer s.openChecks.Add(-1)
	var diags []analysis.Diagnostic
	if !(d.isFile && s.session.excluded(d.path)) {
		cfg := s.session.config()
		s.reportLarge(d, snap, cfg)
		diags = s.checker.Check(ctx, snap.File, s.session.index, cfg)
	}
	if ctx.Err() != nil {
		return
	}
	// Publishing is serialised per document, and the check is still current when it
	// publishes: so a check of an older version that finishes late can never publish
	// after the check of a newer one.
	d.publishMu.Lock()
	defer d.publishMu.Unlock()
	d.checkMu.Lock()
	current := d.checkSeq == seq
	d.checkMu.Unlock()
	if !current {
		return
	}
	// Keep the findings (with their fixes) on the snapshot for code actions.
	withDiags := *snap
	withDiags.Diagnostics = diags
	d.snap.CompareAndSwap(snap, &withDiags)
	items := handlers.Diagnostics(snap, diags, s.session.env().Encoding())
	result := &pullResult{file: snap.File, version: snap.Version, items: items}
	if s.pullMode() {
		// The client pulls: keep the findings; when a re-check of the same text
		// changed them, ask it to pull again.
		result.id = handlers.ResultID(items)
		if d.results.set(result) {
			s.requestRefresh()
		}
	} else {
		d.results.set(result)
		s.notify("textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{
			URI:         snap.URI,
			Version:     uint32(max(snap.Version, 0)),
			Diagnostics: items,
		})
	}
	s.firstPublishOnce.Do(func() { close(s.firstPublish) })
}

// reportLarge logs, once each time a document becomes large, which rules its checks
// skip (window/logMessage: the user asked nothing, so no pop-up).
func (s *Server) reportLarge(d *document, snap *handlers.Document, cfg analysis.Config) {
	if !snap.File.Large {
		d.largeReported.Store(false)
		return
	}
	if d.largeReported.Swap(true) {
		return
	}
	size := len(snap.File.Module.Tree.Src)
	msg := fmt.Sprintf("pyward: %s is %.1f MB, over the large-file limit (pyward.largeFileSize, %.1f MB): hover and definition work, but these rules are skipped: %s",
		snap.URI, float64(size)/(1<<20), float64(s.session.largeFileSize())/(1<<20), strings.Join(analysis.SkippedWhenLarge(cfg), ", "))
	s.log.Info("large file", zap.String("uri", string(snap.URI)), zap.Int("bytes", size))
	s.notify("window/logMessage", &protocol.LogMessageParams{Type: protocol.MessageTypeInfo, Message: msg})
}

// dependentHops bounds how many modules away from the edited one an open document's
// import may be and still make it re-checked.
const dependentHops = 4

// recheckDependents re-checks, after a short delay, the open documents that import the
// module of d, directly or through other modules: a class may take its bases, and an
// annotation its class, from a module its own file does not import (main imports
// service, whose Service.client is a clients.Client). Importers are found by name (a
// module's file stem, or its package folder for __init__.py), among the modules the
// index has parsed, up to dependentHops modules away. The test is cheap and errs on
// the side of re-checking.
func (s *Server) recheckDependents(d *document) {
	if !d.isFile {
		return
	}
	name := moduleStem(d.path)
	if name == "" {
		return
	}
	others := s.session.openDocuments()
	if len(others) == 0 || len(others) == 1 && others[0] == d {
		return // nothing to re-check: spare the walk over every module held
	}
	names := map[string]bool{name: true}
	if ix := s.session.index; ix != nil {
		mods := ix.ParsedModules()
		sums := ix.HeldSummaries()
		for hop := 0; hop < dependentHops; hop++ {
			grew := false
			for path, m := range mods {
				stem := moduleStem(path)
				if stem == "" || names[stem] || !importsAny(m, names) {
					continue
				}
				names[stem] = true
				grew = true
			}
			for path, sm := range sums {
				stem := moduleStem(path)
				if stem == "" || names[stem] || !summaryImportsAny(sm, names) {
					continue
				}
				names[stem] = true
				grew = true
			}
			if !grew {
				break
			}
		}
	}
	for _, other := range others {
		if other == d {
			continue
		}
		snap := other.snapshot()
		if snap == nil || !importsAny(snap.File.Module, names) {
			continue
		}
		s.scheduleQueuedCheck(other, snap, dependentDelay)
	}
}

// importsAny reports whether m has an import naming one of names.
func importsAny(m *analysis.Module, names map[string]bool) bool {
	for n := range names {
		if importsName(m, n) {
			return true
		}
	}
	return false
}

// summaryImportsAny is importsAny for a module held as a summary: its import
// statements (all of them, as the summary keeps them) are read the same way.
func summaryImportsAny(s *analysis.Summary, names map[string]bool) bool {
	for n := range names {
		for i := range s.Imports {
			if summaryImportNames(&s.Imports[i], n) {
				return true
			}
		}
	}
	return false
}

// summaryImportNames is importsName for one import statement of a summary.
func summaryImportNames(imp *analysis.SummaryImport, name string) bool {
	if imp.Star && len(imp.Module) == 0 {
		return true
	}
	for _, seg := range imp.Module {
		if seg == name {
			return true
		}
	}
	for _, n := range imp.Names {
		for _, seg := range n.Path {
			if seg == name {
				return true
			}
		}
	}
	return false
}

// moduleStem is the last dotted part of the module a file defines.
func moduleStem(path string) string {
	base := pathing.Host.Basename(path)
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".py"), ".pyi")
	if stem == base {
		return ""
	}
	if stem == "__init__" {
		return pathing.Host.Basename(pathing.Host.Dirname(path))
	}
	return stem
}

// importsName reports whether one of m's imports may load the module called name: a
// segment of its module path or of an imported name (`from . import x` names x), or a
// relative star import (`from . import *`).
func importsName(m *analysis.Module, name string) bool {
	for _, imp := range m.Imports {
		if imp.Star && len(imp.Module) == 0 {
			return true
		}
		for _, seg := range imp.Module {
			if seg.Name == name {
				return true
			}
		}
		for _, n := range imp.Names {
			for _, seg := range n.Path {
				if seg.Name == name {
					return true
				}
			}
		}
	}
	return false
}
