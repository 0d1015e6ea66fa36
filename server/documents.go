package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/pathing"
)

// document is one open text document: its parse state and latest snapshot.
type document struct {
	uri      protocol.DocumentURI
	key      string
	path     string // "" for documents that are not files or notebook cells
	isFile   bool   // backed by a file on disk (file: URI)
	notebook bool

	mu sync.Mutex // guards parse and version
	// parse is the document's text and trees. One opened from the tree cache has no
	// tree-sitter tree until its first edit, which parses from scratch and keeps one.
	parse *syntax.Document

	snap atomic.Pointer[handlers.Document]

	checkMu        sync.Mutex
	checkCancel    context.CancelFunc
	checkSeq       uint64
	checkRunning   bool // a check of the current seq is running
	closed         bool // didClose: no check starts any more (re-checks may still name d)
	recheckPending bool // re-check once the running check has published

	publishMu sync.Mutex // serialises the publishing of d's diagnostics
	// results are the latest check's findings, for pulls (pull_diagnostics.go).
	results documentResults

	largeReported atomic.Bool // the large-file message was sent for the current crossing
}

func (d *document) snapshot() *handlers.Document { return d.snap.Load() }

// releaseIncremental frees d's C tree; its next edit parses from scratch.
func (d *document) releaseIncremental() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.parse != nil {
		d.parse.ReleaseIncremental()
	}
}

func (d *document) close() {
	d.checkMu.Lock()
	d.closed = true
	d.checkMu.Unlock()
	d.cancelCheck()
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.parse != nil {
		d.parse.Close()
		d.parse = nil
	}
}

// setSnapshot builds the module of the current parse and publishes a new snapshot.
// A text over largeSize bytes is marked large (its superlinear rules are skipped).
func (d *document) setSnapshot(version int32, largeSize int) *handlers.Document {
	tree := d.parse.Tree()
	m := analysis.Build(tree)
	snap := &handlers.Document{
		URI:     d.uri,
		Version: version,
		File:    &analysis.File{Path: d.path, Notebook: d.notebook, Module: m, Large: largeSize > 0 && len(tree.Src) > largeSize},
	}
	d.snap.Store(snap)
	return snap
}

func (s *Server) didOpen(raw json.RawMessage) error {
	var p protocol.DidOpenTextDocumentParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	uri := p.TextDocument.URI
	if uri == "" {
		return fmt.Errorf("didOpen without a uri")
	}
	path, notebook := documentPath(string(uri))
	_, fileErr := pathing.URIToPath(string(uri))
	d := &document{
		uri:      uri,
		key:      pathing.DocumentKey(string(uri)),
		path:     path,
		isFile:   fileErr == nil && !notebook,
		notebook: notebook || p.TextDocument.LanguageID == "jupyter" || p.TextDocument.LanguageID == "ipynb",
	}
	text := []byte(p.TextDocument.Text)
	// The decoded string is not read again: drop it so that the collections during the
	// parse can free it (10 MB for a 10 MB module) instead of counting it as live.
	p.TextDocument.Text = ""
	if !utf8.Valid(text) {
		s.log.Info("document is not valid UTF-8; analysing it byte by byte", zap.String("uri", string(uri)))
	}
	largeSize := s.session.largeFileSize()
	parse, fromCache, onDisk, err := s.parseOpened(d, text, largeSize)
	if err != nil && !errors.Is(err, syntax.ErrGaveUp) {
		return fmt.Errorf("open %s: %w", uri, err)
	}
	s.reportGaveUp(uri, err, len(text))
	d.parse = parse
	if fromCache {
		s.log.Debug("document opened from the tree cache", zap.String("uri", string(uri)))
	}
	snap := d.setSnapshot(p.TextDocument.Version, largeSize)

	ss := s.session
	ss.mu.Lock()
	if old, ok := ss.docs[d.key]; ok {
		old.close()
	}
	ss.docs[d.key] = d
	if d.isFile {
		ss.byPath[d.path] = d
	}
	ss.mu.Unlock()
	if d.isFile {
		ss.index.SetOpen(d.path, snap.File)
	}
	ss.touch(d, false)
	// The summaries of the modules the document imports are read (or parsed, when not
	// cached) in parallel while it is checked, so that its first check finds them ready.
	go imports.Prefetch(s.ctx, ss.index, snap.File, runtime.GOMAXPROCS(0))
	s.scheduleQueuedCheck(d, snap, 0)
	if !onDisk {
		// importers were checked against the file on disk: only a buffer that differs
		// from it can change their findings
		s.recheckDependents(d)
	}
	return nil
}

// parseOpened parses the text of a document being opened; onDisk reports that the text
// is the file on disk. Such a file takes its flat tree from the tree cache when the
// cache holds it (so a new session does not parse again what an earlier one parsed;
// fromCache is then true and the document has no tree-sitter tree until its first
// edit); otherwise the text is parsed, and such a file's tree is cached for the next
// session.
func (s *Server) parseOpened(d *document, text []byte, largeSize int) (doc *syntax.Document, fromCache, onDisk bool, err error) {
	opts := syntax.Options{LargeSize: largeSize}
	if !d.isFile || largeSize > 0 && len(text) >= largeSize {
		doc, err = syntax.NewDocumentWith(text, opts)
		return doc, false, false, err
	}
	ix := s.session.index
	info, err := ix.FS.Stat(d.path)
	same := err == nil && info.Mode().IsRegular() && info.Size() == int64(len(text))
	if same {
		disk, err := ix.FS.ReadFile(d.path)
		same = err == nil && bytes.Equal(disk, text)
	}
	if !same {
		doc, err = syntax.NewDocumentWith(text, opts)
		return doc, false, false, err
	}
	if tree, ok := ix.CachedTree(d.path, text, info.ModTime()); ok {
		return syntax.NewDocumentFromTree(text, tree, opts), true, true, nil
	}
	doc, err = syntax.NewDocumentWith(text, opts)
	if err == nil {
		go ix.CacheTree(d.path, text, info.ModTime(), doc.Tree())
	}
	return doc, false, true, err
}

func (s *Server) didChange(raw json.RawMessage) error {
	var p handlers.DidChangeParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	d, ok := s.session.lookup(p.TextDocument.URI)
	if !ok {
		return fmt.Errorf("didChange for %s, which is not open", p.TextDocument.URI)
	}
	enc := s.session.env().Encoding()
	d.mu.Lock()
	if d.parse == nil {
		d.mu.Unlock()
		return fmt.Errorf("didChange for %s, which was closed", p.TextDocument.URI)
	}
	prev := d.snapshot()
	if p.TextDocument.Version <= prev.Version {
		s.log.Warn("didChange version does not increase; applying it anyway",
			zap.String("uri", string(d.uri)), zap.Int32("was", prev.Version), zap.Int32("now", p.TextDocument.Version))
	}
	text, edits, full := handlers.ApplyChanges(d.parse.Source(), prev.Lines(), p.ContentChanges, enc)
	var err error
	if full {
		err = d.parse.Replace(text)
	} else {
		err = d.parse.Update(text, edits)
	}
	if err != nil && !errors.Is(err, syntax.ErrGaveUp) {
		d.mu.Unlock()
		return fmt.Errorf("reparse %s: %w", d.uri, err)
	}
	if errors.Is(err, syntax.ErrGaveUp) && !prev.File.Module.Tree.Placeholder {
		s.reportGaveUp(d.uri, err, len(text))
	}
	snap := d.setSnapshot(p.TextDocument.Version, s.session.largeFileSize())
	d.mu.Unlock()
	if d.isFile {
		s.session.index.SetOpen(d.path, snap.File)
	}
	s.session.touch(d, true)
	s.scheduleCheck(d, snap)
	s.recheckDependents(d)
	return nil
}

// reportGaveUp tells the user, once per occasion, that a document is too large or
// complex to parse in time; the document stays open, unanalysed.
func (s *Server) reportGaveUp(uri protocol.DocumentURI, err error, size int) {
	if !errors.Is(err, syntax.ErrGaveUp) {
		return
	}
	s.log.Warn("parsing took too long; the document is not analysed", zap.String("uri", string(uri)), zap.Int("bytes", size))
	s.notify("window/showMessage", &protocol.ShowMessageParams{
		Type:    protocol.MessageTypeWarning,
		Message: fmt.Sprintf("pyward: %s (%d bytes) took too long to parse; it is not analysed.", uri, size),
	})
}

func (s *Server) didClose(raw json.RawMessage) error {
	var p protocol.DidCloseTextDocumentParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	ss := s.session
	ss.mu.Lock()
	key := pathing.DocumentKey(string(p.TextDocument.URI))
	d, ok := ss.docs[key]
	if ok {
		delete(ss.docs, key)
		if d.isFile && ss.byPath[d.path] == d {
			delete(ss.byPath, d.path)
		}
	}
	ss.mu.Unlock()
	if !ok {
		return fmt.Errorf("didClose for %s, which is not open", p.TextDocument.URI)
	}
	ss.forget(d)
	d.close()
	if d.isFile {
		ss.index.CloseOpen(d.path)
	}
	// Clear the closed document's diagnostics, as clients expect (after any publish
	// already under way, which close() made the last). A client that pulls forgets
	// them itself.
	if !s.pullMode() {
		d.publishMu.Lock()
		s.notify("textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{URI: d.uri, Diagnostics: []protocol.Diagnostic{}})
		d.publishMu.Unlock()
	}
	if d.isFile {
		s.closedInWorkspaceMode(d.path)
	}
	s.recheckDependents(d)
	return nil
}

func (s *Server) didSave(raw json.RawMessage) error {
	var p protocol.DidSaveTextDocumentParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	if d, ok := s.session.lookup(p.TextDocument.URI); ok && d.isFile {
		s.session.index.Invalidate(d.path)
	}
	return nil
}

func (s *Server) didChangeWatchedFiles(raw json.RawMessage) error {
	var p protocol.DidChangeWatchedFilesParams
	if err := decode(raw, &p); err != nil {
		return err
	}
	for _, ev := range p.Changes {
		path, err := pathing.URIToPath(string(ev.URI))
		if err != nil {
			continue
		}
		s.session.index.Invalidate(path)
	}
	if len(p.Changes) > 0 {
		s.recheckAll()
	}
	return nil
}
