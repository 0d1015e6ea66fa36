package analysis

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/pyward/pyward/analysis/diskcache"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// maxIndexedFileSize is the largest file on disk the index parses for facts about
// other modules; larger files are treated as unknown.
const maxIndexedFileSize = 8 << 20

// Index knows the modules of a workspace. Open buffers override files on disk; files
// on disk are parsed lazily, the first time a question needs them, and forgotten when
// they change. Identity is by realpath, so a module reached through a symlink is
// parsed once. An Index is safe for concurrent use.
type Index struct {
	FS       pathing.FS
	Flavour  pathing.Flavour
	Resolver *pathing.Resolver

	mu    sync.Mutex
	roots []string
	open  map[string]*File // realpath key -> open buffer
	// openSums holds the summary of each open buffer's module, made when first asked.
	openSums map[string]openSummary
	disk     diskModules // realpath key -> parsed file, within a memory budget
	// parsing holds the parses from disk in progress, by realpath key.
	parsing map[string]*parse
	// trees keeps the flat trees of parsed files on disk between runs (SetTreeCache).
	trees diskcache.Cache
	// sums keeps the summaries of files on disk between runs (SetSummaryCache).
	sums diskcache.Cache
	real map[string]string // path -> realpath key (cache)
	// realDirs caches the realpath of each folder key has resolved files in.
	realDirs map[string]string
	text     map[string]*textEntry // realpath key -> what the text pre-filters learnt
	// pkgRoots caches each importing folder's package root (see rootsFor).
	pkgRoots map[string]string
}

// NewIndex returns an empty index over fsys.
func NewIndex(fsys pathing.FS, flavour pathing.Flavour) *Index {
	return &Index{
		FS:       fsys,
		Flavour:  flavour,
		Resolver: pathing.NewResolver(flavour, fsys),
		open:     map[string]*File{},
		disk:     newDiskModules(DefaultModuleBudget),
		real:     map[string]string{},
	}
}

// SetModuleBudget sets how much memory (estimated) the modules parsed from disk may
// take before the least recently used are dropped (they are parsed again when asked
// for); 0 means no limit. The default is DefaultModuleBudget.
func (ix *Index) SetModuleBudget(bytes int64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.disk.budget = bytes
}

// SetRoots sets the ordered import roots: workspace folders, src/ folders, extra paths,
// then the interpreter's sys.path.
func (ix *Index) SetRoots(roots []string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.roots = append([]string(nil), roots...)
}

// Roots returns the ordered import roots.
func (ix *Index) Roots() []string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return append([]string(nil), ix.roots...)
}

// key returns the identity of path: its realpath (normcased on NT).
func (ix *Index) key(path string) string {
	if k, ok := ix.real[path]; ok {
		return k
	}
	k := path
	if !ix.Flavour.IsNT() {
		if r, err := ix.realpath(path); err == nil {
			k = r
		}
	} else {
		k = ix.Flavour.Normcase(ix.Flavour.Normpath(path))
	}
	ix.real[path] = k
	return k
}

// realpath is pathing.RealpathFS(ix.FS, path) with the realpaths of folders cached: a
// file that is not a symbolic link, under a path with no "." or ".." parts, is its
// folder's realpath joined with its name, so that only its own lstat is new (an
// uncached realpath lstats every folder up to the root: 7 calls a module here, ~300 for
// a cold start's imports).
func (ix *Index) realpath(path string) (string, error) {
	fl := ix.Flavour
	dir, base := fl.Dirname(path), fl.Basename(path)
	if fl.IsAbs(path) && fl.Normpath(path) == path && base != "" && base != "." && base != ".." && dir != path {
		if fi, err := ix.FS.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink == 0 {
			rd, ok := ix.realDirs[dir]
			if !ok {
				var err error
				if rd, err = pathing.RealpathFS(ix.FS, dir); err != nil {
					return pathing.RealpathFS(ix.FS, path)
				}
				if ix.realDirs == nil {
					ix.realDirs = map[string]string{}
				}
				ix.realDirs[dir] = rd
			}
			return fl.Join(rd, base), nil
		}
	}
	return pathing.RealpathFS(ix.FS, path)
}

// SetOpen records the latest version of an open buffer backed by path.
func (ix *Index) SetOpen(path string, f *File) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.open[ix.key(path)] = f
}

// CloseOpen forgets the open buffer of path; the file on disk speaks for it again.
func (ix *Index) CloseOpen(path string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	k := ix.key(path)
	delete(ix.open, k)
	delete(ix.openSums, k)
	ix.disk.drop(k)
	delete(ix.text, k)
}

// Invalidate forgets what was read from disk about path (it changed, appeared or vanished).
func (ix *Index) Invalidate(path string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	k := ix.key(path)
	ix.disk.drop(k)
	delete(ix.text, k)
	for p, r := range ix.real {
		if p == path || r == k || strings.HasPrefix(p, path) {
			delete(ix.real, p)
		}
	}
	for d := range ix.realDirs {
		if d == path || strings.HasPrefix(d, path) {
			delete(ix.realDirs, d)
		}
	}
	ix.Resolver.Forget(path)
}

// InvalidateAll forgets everything read from disk.
func (ix *Index) InvalidateAll() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.disk.reset()
	ix.real = map[string]string{}
	ix.realDirs = nil
	ix.text = map[string]*textEntry{}
	ix.pkgRoots = nil
	ix.Resolver.ForgetAll()
}

// Module returns the module of the Python file at path: the open buffer when there is
// one, else the file on disk, parsed once and cached. A module being parsed for one
// caller is waited for by the others, never parsed twice at once.
func (ix *Index) Module(path string) (*Module, error) {
	ix.mu.Lock()
	k := ix.key(path)
	if f, ok := ix.open[k]; ok {
		ix.mu.Unlock()
		return f.Module, nil
	}
	if m, ok := ix.disk.get(k); ok {
		ix.mu.Unlock()
		return m, nil
	}
	if p, ok := ix.parsing[k]; ok {
		ix.mu.Unlock()
		<-p.done
		return p.m, p.err
	}
	p := &parse{done: make(chan struct{})}
	if ix.parsing == nil {
		ix.parsing = map[string]*parse{}
	}
	ix.parsing[k] = p
	ix.mu.Unlock()

	var panicked any
	func() {
		defer func() {
			if r := recover(); r != nil {
				panicked = r
				p.err = fmt.Errorf("parse %s: internal error: %v", path, r)
			}
		}()
		p.m, p.err = ix.parseFile(path)
	}()

	ix.mu.Lock()
	delete(ix.parsing, k)
	if f, ok := ix.open[k]; ok { // opened while we were parsing
		p.m, p.err = f.Module, nil
	} else if prev, ok := ix.disk.get(k); ok {
		p.m, p.err = prev, nil
	} else if p.err == nil {
		ix.disk.put(k, p.m)
	}
	ix.mu.Unlock()
	close(p.done)
	if panicked != nil {
		panic(panicked) // the waiters have their error; the caller's recovery reports it
	}
	return p.m, p.err
}

// Lines returns the line index of the Python file at path: the open buffer's, the held
// model's, else one made from the file's text as it is now (not kept: a request that
// points into a module only held as a summary, say a definition, reads it without
// parsing the module).
func (ix *Index) Lines(path string) (*LineIndex, error) {
	ix.mu.Lock()
	k := ix.key(path)
	if f, ok := ix.open[k]; ok {
		ix.mu.Unlock()
		return f.Module.Lines, nil
	}
	if m, ok := ix.disk.peek(k); ok {
		ix.mu.Unlock()
		return m.Lines, nil
	}
	ix.mu.Unlock()
	src, err := ix.FS.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return NewLineIndex(src), nil
}

// openSummary is the summary of one version of an open buffer.
type openSummary struct {
	m *Module
	s *Summary
}

// Summary returns the summary of the module of the Python file at path: the open
// buffer's when there is one, else the file on disk's, kept within the module budget
// (summarized from the full model when that is held or parsed for it).
func (ix *Index) Summary(path string) (*Summary, error) {
	ix.mu.Lock()
	k := ix.key(path)
	if f, ok := ix.open[k]; ok {
		if e, ok := ix.openSums[k]; ok && e.m == f.Module {
			ix.mu.Unlock()
			return e.s, nil
		}
		ix.mu.Unlock()
		s := Summarize(f.Module)
		ix.mu.Lock()
		if cur, ok := ix.open[k]; ok && cur.Module == f.Module {
			if ix.openSums == nil {
				ix.openSums = map[string]openSummary{}
			}
			ix.openSums[k] = openSummary{m: f.Module, s: s}
		}
		ix.mu.Unlock()
		return s, nil
	}
	if s, m := ix.disk.summary(k); s != nil {
		ix.mu.Unlock()
		return s, nil
	} else if m != nil {
		s = Summarize(m)
		ix.disk.putSummary(k, s)
		ix.mu.Unlock()
		return s, nil
	}
	ix.mu.Unlock()
	s, key, size := ix.cachedSummary(path, k)
	if s != nil {
		return s, nil
	}
	m, err := ix.Module(path)
	if err != nil {
		return nil, err
	}
	s = Summarize(m)
	ix.mu.Lock()
	_, open := ix.open[k]
	if !open {
		if cur, held := ix.disk.peek(k); held && cur == m {
			ix.disk.putSummary(k, s)
		}
	}
	ix.mu.Unlock()
	// the text parsed must be the one stat saw (a file written meanwhile is not cached)
	if key != "" && !open && m.Tree != nil && !m.Tree.Placeholder && int64(len(m.Tree.Src)) == size {
		_ = ix.summaryCache().Put(key, EncodeSummary(s)) // a cache that cannot be written only costs time
	}
	return s, nil
}

// summaryCache is the summary cache (disabled unless SetSummaryCache set one).
func (ix *Index) summaryCache() diskcache.Cache {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.sums
}

// cachedSummary reads the summary of the file at path (realpath key k) from the summary
// cache and holds it; nil when the cache is off or has no entry for the file as it is
// now. key and size are the entry's key and the file's size ("" when the file cannot be
// cached), for the caller that parses it instead.
func (ix *Index) cachedSummary(path, k string) (s *Summary, key string, size int64) {
	sums := ix.summaryCache()
	if !sums.Enabled() {
		return nil, "", 0
	}
	info, err := ix.FS.Stat(path)
	if err != nil || info.IsDir() || info.Size() > maxIndexedFileSize {
		return nil, "", 0
	}
	size = info.Size()
	key = summaryKey(path, size, info.ModTime().UnixNano())
	data, ok := sums.Get(key)
	if !ok {
		return nil, key, size
	}
	s, err = DecodeSummary(data)
	if err != nil {
		return nil, key, size
	}
	ix.mu.Lock()
	if _, open := ix.open[k]; !open && !ix.disk.has(k) {
		ix.disk.putSummary(k, s)
	}
	ix.mu.Unlock()
	return s, key, size
}

// summaryKey is the summary cache's key of a file: its path, size and modification
// time, the summary layout, the grammar, and this build of pyward (a new pyward may
// summarize differently).
func summaryKey(path string, size, mtime int64) string {
	return fmt.Sprintf("summary %d\n%d\n%s\n%d\n%s\n%s", SummaryFormat, size, path, mtime, syntax.Grammar(), summaryVersion())
}

// SetSummaryCache keeps the summaries of the files the index reads from disk in c, so
// that the next run (a new server, the next `pyward check`) reads them instead of
// parsing and building those modules to walk their imports. Entries are keyed by path,
// size, modification time, the summary layout, the grammar and pyward's build. The
// zero Cache turns it off (the default).
func (ix *Index) SetSummaryCache(c diskcache.Cache) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.sums = c
}

// OpenSummaryCache returns the summary cache under the user's cache folder, or a
// disabled one when enabled is false or the folder cannot be known.
func OpenSummaryCache(enabled bool) diskcache.Cache {
	if !enabled {
		return diskcache.Cache{}
	}
	c, err := diskcache.Open("", "summaries")
	if err != nil {
		return diskcache.Cache{}
	}
	return c
}

// parse is a parse of a file from disk in progress.
type parse struct {
	done chan struct{}
	m    *Module
	err  error
}

// parseFile reads and parses the file at path.
func (ix *Index) parseFile(path string) (*Module, error) {
	info, err := ix.FS.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read module: %w", err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("read module %s: is a directory", path)
	}
	if info.Size() > maxIndexedFileSize {
		return nil, fmt.Errorf("read module %s: %d bytes is more than pyward indexes", path, info.Size())
	}
	src, err := ix.FS.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read module: %w", err)
	}
	tree, err := ix.ParsedTree(path, src, info.ModTime())
	if err != nil {
		return nil, err
	}
	return Build(tree), nil
}

// ParsedTree returns the flat tree of src, the text of the file at path as it was
// modified at mod: read from the tree cache (SetTreeCache) when it holds one for this
// path, size, time and grammar, else parsed, and then cached.
func (ix *Index) ParsedTree(path string, src []byte, mod time.Time) (*syntax.Tree, error) {
	if tree, ok := ix.CachedTree(path, src, mod); ok {
		return tree, nil
	}
	tree, err := syntax.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	ix.CacheTree(path, src, mod, tree)
	return tree, nil
}

// CachedTree returns the flat tree the tree cache holds for src, the text of the file
// at path as it was modified at mod; ok is false when it holds none (or the cache is
// off).
func (ix *Index) CachedTree(path string, src []byte, mod time.Time) (tree *syntax.Tree, ok bool) {
	trees, key := ix.treeKey(path, src, mod)
	if key == "" {
		return nil, false
	}
	data, ok := trees.Get(key)
	if !ok {
		return nil, false
	}
	tree, err := syntax.DecodeNodes(src, data)
	return tree, err == nil
}

// CacheTree stores tree, the flat tree of src (the file at path as modified at mod),
// in the tree cache; a placeholder tree is not stored.
func (ix *Index) CacheTree(path string, src []byte, mod time.Time, tree *syntax.Tree) {
	trees, key := ix.treeKey(path, src, mod)
	if key != "" && !tree.Placeholder {
		_ = trees.Put(key, syntax.EncodeNodes(tree)) // a cache that cannot be written only costs time
	}
}

// treeKey is the tree cache and the key of src's entry in it ("" when it is off): the
// file's identity as the issue asks (path, size, modification time) and the grammar
// and node layout of this build.
func (ix *Index) treeKey(path string, src []byte, mod time.Time) (diskcache.Cache, string) {
	ix.mu.Lock()
	trees := ix.trees
	ix.mu.Unlock()
	if !trees.Enabled() {
		return trees, ""
	}
	return trees, fmt.Sprintf("tree 1\n%s\n%d\n%d\n%s", path, len(src), mod.UnixNano(), syntax.Grammar())
}

// SetTreeCache keeps the flat trees of the files the index parses from disk in c, so
// that the next run (a new server, the next `pyward check`) reads them instead of
// parsing them again; tree-sitter is most of a cold start's time. Entries are keyed
// by path, size, modification time and the grammar. The zero Cache turns it off (the
// default).
func (ix *Index) SetTreeCache(c diskcache.Cache) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.trees = c
}

// OpenTreeCache returns the tree cache under the user's cache folder, or a disabled
// one when enabled is false or the folder cannot be known.
func OpenTreeCache(enabled bool) diskcache.Cache {
	if !enabled {
		return diskcache.Cache{}
	}
	c, err := diskcache.Open("", "trees")
	if err != nil {
		return diskcache.Cache{}
	}
	return c
}

// ParsedModules returns every module the index holds: the files on disk it has parsed
// and still keeps (within its memory budget) and the open buffers, by realpath key. The server follows their imports to
// find the open documents an edit may affect through other modules.
func (ix *Index) ParsedModules() map[string]*Module {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	out := make(map[string]*Module, len(ix.disk.byKey)+len(ix.open))
	for k, e := range ix.disk.byKey {
		if m := e.Value.(*diskModule).m; m != nil {
			out[k] = m
		}
	}
	for k, f := range ix.open {
		out[k] = f.Module
	}
	return out
}

// HeldSummaries returns the summaries of the modules from disk that the index holds
// only as summaries (read from the summary cache, never parsed in this run), by
// realpath key; ParsedModules has the others. The server follows their imports too.
func (ix *Index) HeldSummaries() map[string]*Summary {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	out := map[string]*Summary{}
	for k, e := range ix.disk.byKey {
		if dm := e.Value.(*diskModule); dm.m == nil && dm.s != nil {
			out[k] = dm.s
		}
	}
	return out
}

// OpenPaths returns the paths (realpath keys) of every open buffer.
func (ix *Index) OpenPaths() []string {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	out := make([]string, 0, len(ix.open))
	for k := range ix.open {
		out = append(out, k)
	}
	return out
}

// SameFile reports whether two paths name the same file (by realpath).
func (ix *Index) SameFile(a, b string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.key(a) == ix.key(b)
}

// DisplayPath spells path for a person: relative to the outermost import root that
// holds it (the workspace folder rather than its src/), with that root named when it
// is not the workspace folder (a folder of the installed Python, another folder).
// The workspace folder is taken to be the first root or a folder holding it.
func (ix *Index) DisplayPath(path string) string {
	roots := ix.Roots()
	best, bestRel := "", ""
	for _, r := range roots {
		if rel, ok := ix.below(path, r); ok && (best == "" || len(rel) > len(bestRel)) {
			best, bestRel = r, rel
		}
	}
	if best == "" {
		return path
	}
	if _, ok := ix.below(roots[0], best); ok || ix.Flavour.Normcase(ix.Flavour.Normpath(roots[0])) == ix.Flavour.Normcase(ix.Flavour.Normpath(best)) {
		return bestRel
	}
	return fmt.Sprintf("%s (in %s)", bestRel, best)
}

// below returns path relative to dir when path lies strictly inside dir.
func (ix *Index) below(path, dir string) (string, bool) {
	rel, err := ix.Flavour.Relpath(path, dir)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || strings.HasPrefix(rel, ".."+ix.Flavour.Sep()) {
		return "", false
	}
	return rel, true
}

// OpenModule returns the module of the open buffer of path, or nil when path is not open.
func (ix *Index) OpenModule(path string) *Module {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if f, ok := ix.open[ix.key(path)]; ok {
		return f.Module
	}
	return nil
}

// OpenModules returns the module of every open buffer, by realpath key.
func (ix *Index) OpenModules() map[string]*Module {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	out := make(map[string]*Module, len(ix.open))
	for k, f := range ix.open {
		out[k] = f.Module
	}
	return out
}
