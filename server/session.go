package server

import (
	"strings"
	"sync"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/refactor"
	"github.com/pyward/pyward/handlers"
	"github.com/pyward/pyward/pathing"
)

// session is the state of one LSP session.
type session struct {
	s *Server

	mu       sync.RWMutex
	state    int                  // 0 new, 1 initialized, 2 shut down
	docs     map[string]*document // by pathing.DocumentKey(uri)
	byPath   map[string]*document // file documents by path
	folders  []string             // workspace folder paths
	encoding analysis.Encoding
	markdown bool
	settings Settings
	caps     clientCaps
	sysPath  []string
	interp   interpreterState
	index    *analysis.Index
	// scanner remembers the workspace files' identifiers for willRenameFiles.
	scanner *refactor.Scanner

	// recent lists the documents that keep a C tree for incremental reparsing, least
	// recently opened or edited first; see touch.
	recentMu sync.Mutex
	recent   []recentDoc
}

// recentDoc is a document that keeps its C tree, and whether it was edited.
type recentDoc struct {
	d      *document
	edited bool
}

// keepIncremental is how many documents keep their tree-sitter tree between edits.
// The others free it (it is most of an open document's memory) and parse from scratch
// on their next edit, which costs milliseconds once.
const keepIncremental = 16

// keepOpenedIncremental is how many of them may be documents only opened, never edited:
// an editor restoring a session opens many files and edits a few, and each C tree costs
// about 130 bytes a node (a 50-file session kept 16 of them, ~20 MB).
const keepOpenedIncremental = 4

// touch records that d was just opened (edited false) or edited, and frees the C trees
// of the documents touched longest ago beyond keepIncremental, and of the documents
// only opened beyond keepOpenedIncremental.
func (ss *session) touch(d *document, edited bool) {
	ss.recentMu.Lock()
	for i, r := range ss.recent {
		if r.d == d {
			edited = edited || r.edited
			ss.recent = append(ss.recent[:i], ss.recent[i+1:]...)
			break
		}
	}
	ss.recent = append(ss.recent, recentDoc{d: d, edited: edited})
	opened := 0
	for _, r := range ss.recent {
		if !r.edited {
			opened++
		}
	}
	var evict []*document
	total := len(ss.recent)
	kept := make([]recentDoc, 0, len(ss.recent))
	for _, r := range ss.recent {
		switch {
		case total > keepIncremental, !r.edited && opened > keepOpenedIncremental:
			evict = append(evict, r.d)
			total--
			if !r.edited {
				opened--
			}
		default:
			kept = append(kept, r)
		}
	}
	ss.recent = kept
	ss.recentMu.Unlock()
	for _, e := range evict {
		e.releaseIncremental()
	}
}

// isRecent reports whether d is among the recently opened or edited documents, which
// keep their tree-sitter trees.
func (ss *session) isRecent(d *document) bool {
	ss.recentMu.Lock()
	defer ss.recentMu.Unlock()
	for _, r := range ss.recent {
		if r.d == d {
			return true
		}
	}
	return false
}

// forget drops d from the recently opened or edited documents (it was closed).
func (ss *session) forget(d *document) {
	ss.recentMu.Lock()
	defer ss.recentMu.Unlock()
	for i, r := range ss.recent {
		if r.d == d {
			ss.recent = append(ss.recent[:i], ss.recent[i+1:]...)
			return
		}
	}
}

// clientCaps are the client capabilities pyward cares about.
type clientCaps struct {
	configuration       bool // workspace/configuration
	watchedFilesDynamic bool // dynamic registration of didChangeWatchedFiles
	documentChanges     bool // workspace.workspaceEdit.documentChanges
	resourceRename      bool // workspace.workspaceEdit.resourceOperations has "rename"
	pullDiagnostics     bool // textDocument.diagnostic: the client pulls, nothing is pushed
	diagnosticRefresh   bool // workspace.diagnostics.refreshSupport
}

func newSession(s *Server) *session {
	return &session{
		s:        s,
		docs:     map[string]*document{},
		byPath:   map[string]*document{},
		encoding: analysis.UTF16,
		markdown: true,
		settings: DefaultSettings(),
		index:    analysis.NewIndex(s.opts.FS, pathing.Host),
		scanner:  refactor.NewScanner(),
	}
}

func (ss *session) initialized() bool {
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	return ss.state >= 1
}

func (ss *session) shutdown() {
	ss.mu.Lock()
	ss.state = 2
	docs := make([]*document, 0, len(ss.docs))
	for _, d := range ss.docs {
		docs = append(docs, d)
	}
	ss.mu.Unlock()
	for _, d := range docs {
		d.cancelCheck()
	}
}

func (ss *session) close() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, d := range ss.docs {
		d.close()
	}
	ss.docs = map[string]*document{}
	ss.byPath = map[string]*document{}
}

// lookup returns the open document of uri.
func (ss *session) lookup(uri protocol.DocumentURI) (*document, bool) {
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	d, ok := ss.docs[pathing.DocumentKey(string(uri))]
	return d, ok
}

// largeFileSize is the large-file limit of the settings.
func (ss *session) largeFileSize() int {
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	return ss.settings.LargeFileSize
}

func (ss *session) config() analysis.Config {
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	cfg := ss.settings.Analysis
	if ss.interp.info != nil {
		cfg.Target = TargetOf(*ss.interp.info)
	}
	return cfg
}

// openDocuments returns every open document.
func (ss *session) openDocuments() []*document {
	ss.mu.RLock()
	defer ss.mu.RUnlock()
	out := make([]*document, 0, len(ss.docs))
	for _, d := range ss.docs {
		out = append(out, d)
	}
	return out
}

// updateRoots recomputes the import roots from folders, settings and sys.path.
func (ss *session) updateRoots() {
	ss.mu.RLock()
	folders := append([]string(nil), ss.folders...)
	extra := append([]string(nil), ss.settings.Analysis.ExtraPaths...)
	sysPath := append([]string(nil), ss.sysPath...)
	ss.mu.RUnlock()
	roots := ImportRoots(ss.s.opts.FS, folders, extra, sysPath)
	ss.index.SetRoots(roots)
	ss.s.log.Debug("import roots", zap.Strings("roots", roots))
}

// ImportRoots orders the import roots: for each workspace folder, its src/ folder when
// there is one and then the folder itself; extra paths (relative ones against the first
// folder); then the interpreter's sys.path. Duplicates are dropped.
func ImportRoots(fsys pathing.FS, folders, extra, sysPath []string) []string {
	seen := map[string]bool{}
	var roots []string
	add := func(p string) {
		if p == "" {
			return
		}
		p = pathing.Host.Normpath(p)
		if seen[p] {
			return
		}
		seen[p] = true
		roots = append(roots, p)
	}
	for _, f := range folders {
		src := pathing.Host.Join(f, "src")
		if info, err := fsys.Stat(src); err == nil && info.IsDir() {
			add(src)
		}
		add(f)
	}
	for _, e := range extra {
		if !pathing.Host.IsAbs(e) && len(folders) > 0 {
			e = pathing.Host.Join(folders[0], e)
		}
		add(pathing.Host.Normpath(e))
	}
	for _, p := range sysPath {
		add(p)
	}
	return roots
}

// env is the handlers' view of the session.
type env struct{ ss *session }

func (ss *session) env() handlers.Env { return env{ss} }

func (e env) Document(uri protocol.DocumentURI) (*handlers.Document, error) {
	d, ok := e.ss.lookup(uri)
	if !ok {
		return nil, handlers.ErrUnknownDocument(uri)
	}
	return d.snapshot(), nil
}

func (e env) DocumentByPath(path string) (*handlers.Document, bool) {
	e.ss.mu.RLock()
	d, ok := e.ss.byPath[path]
	e.ss.mu.RUnlock()
	if !ok {
		for _, od := range e.ss.openDocuments() {
			if od.path != "" && e.ss.index.SameFile(od.path, path) {
				return od.snapshot(), true
			}
		}
		return nil, false
	}
	return d.snapshot(), true
}

func (e env) Index() *analysis.Index { return e.ss.index }

func (e env) Encoding() analysis.Encoding {
	e.ss.mu.RLock()
	defer e.ss.mu.RUnlock()
	return e.ss.encoding
}

func (e env) Config() analysis.Config { return e.ss.config() }

func (e env) Markdown() bool {
	e.ss.mu.RLock()
	defer e.ss.mu.RUnlock()
	return e.ss.markdown
}

// documentPath returns the file path behind a document URI: the file's path for file:
// URIs, a path inside the notebook's folder for notebook cells (so relative imports
// resolve from there), "" for documents that are not files.
func documentPath(uri string) (path string, notebook bool) {
	if p, err := pathing.URIToPath(uri); err == nil {
		return p, strings.HasSuffix(p, ".ipynb")
	}
	if rest, ok := strings.CutPrefix(uri, "vscode-notebook-cell:"); ok {
		if i := strings.IndexByte(rest, '#'); i >= 0 {
			rest = rest[:i]
		}
		if p, err := pathing.URIToPath("file:" + rest); err == nil {
			return pathing.Host.Join(pathing.Host.Dirname(p), "__notebook_cell__.py"), true
		}
		return "", true
	}
	return "", false
}
