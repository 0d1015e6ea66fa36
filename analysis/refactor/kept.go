package refactor

import (
	"io/fs"
	"strings"
	"sync"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// presentCache keeps, between plans (a Scanner holds one), what the world as it is
// answered: how imports resolve, and which modules each module file imports at load
// time (the edges of the import-cycle searches). Neither depends on the moves, and a
// plan of a folder of 100 modules asks thousands of them. Everything holds while the
// state it was computed in is the same: the resolver's generation (it changes
// whenever a change on disk makes it forget), the import roots and the workspace
// folders; an edge also holds only while every module read to compute it (the file's
// own, and the packages whose names its from-imports looked up) is still the Index's
// current one (an open buffer's edit makes a new module).
type presentCache struct {
	mu       sync.Mutex
	state    string
	edges    map[string]edgeEntry
	resolved map[string]resolution
	// stats and dirs hold what the layout after the moves read of the filesystem
	// as it is (see cachedFS).
	stats map[string]statAnswer
	dirs  map[string]dirAnswer
}

type statAnswer struct {
	info fs.FileInfo
	err  error
}

type dirAnswer struct {
	ents []fs.DirEntry
	err  error
}

type edgeEntry struct {
	mods []pathing.Module
	deps []moduleRead
}

// moduleRead is a module a computation read: its path and what the world gave (nil
// for a file outside the workspace or that does not parse).
type moduleRead struct {
	path string
	m    *analysis.Module
}

// resolution is what world.resolve answered.
type resolution struct {
	segs []pathing.Module
	base *pathing.Module
	ok   bool
}

// kept is a presentCache seen from one plan: the state the plan resolves in. The
// zero kept keeps nothing.
type kept struct {
	c     *presentCache
	state string
}

// forState returns the cache for plans in state, emptied when the state changed.
func (c *presentCache) forState(state string) kept {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state != state || c.edges == nil {
		c.state, c.edges, c.resolved = state, map[string]edgeEntry{}, map[string]resolution{}
		c.stats, c.dirs = map[string]statAnswer{}, map[string]dirAnswer{}
	}
	return kept{c, state}
}

// edges returns the edges of path when an earlier plan learnt them and the modules
// they were read from are still current in w.
func (k kept) edges(w world, path string) ([]pathing.Module, bool) {
	if k.c == nil {
		return nil, false
	}
	k.c.mu.Lock()
	e, ok := k.c.edges[path]
	ok = ok && k.c.state == k.state
	k.c.mu.Unlock()
	if !ok {
		return nil, false
	}
	for _, d := range e.deps {
		if m, _ := w.module(d.path); m != d.m {
			return nil, false
		}
	}
	return e.mods, true
}

// putEdges records the edges of path, unless the cache moved on to another state.
func (k kept) putEdges(path string, mods []pathing.Module, deps []moduleRead) {
	if k.c == nil {
		return
	}
	k.c.mu.Lock()
	defer k.c.mu.Unlock()
	if k.c.state == k.state {
		k.c.edges[path] = edgeEntry{mods: mods, deps: deps}
	}
}

// resolveKey is the key of a resolution: what it depends on besides the state (a
// relative import's package is its file's folder).
func resolveKey(f pathing.Flavour, importer string, dots int, names []string) string {
	var b strings.Builder
	if dots > 0 {
		b.WriteString(f.Dirname(importer))
	}
	b.WriteByte(0)
	b.WriteString(strings.Repeat(".", dots))
	for _, n := range names {
		b.WriteByte(0)
		b.WriteString(n)
	}
	return b.String()
}

// resolution returns an earlier answer of world.resolve.
func (k kept) resolution(key string) (resolution, bool) {
	if k.c == nil {
		return resolution{}, false
	}
	k.c.mu.Lock()
	defer k.c.mu.Unlock()
	r, ok := k.c.resolved[key]
	return r, ok && k.c.state == k.state
}

// putResolution records an answer of world.resolve.
func (k kept) putResolution(key string, r resolution) {
	if k.c == nil {
		return
	}
	k.c.mu.Lock()
	defer k.c.mu.Unlock()
	if k.c.state == k.state {
		k.c.resolved[key] = r
	}
}

// cachedFS is the filesystem as it is, as the layout after the moves reads it (the
// overlay's base): Stat, Lstat and ReadDir answers are kept between plans, in the same
// state as the resolver's own caches (which the world as it is resolves with), so a
// plan's new layout reads the disk only for what no plan read before. The checks
// of the batch itself (does the destination exist) do not go through it.
type cachedFS struct {
	pathing.FS
	k kept
}

func (c cachedFS) stat(op string, name string, fn func(string) (fs.FileInfo, error)) (fs.FileInfo, error) {
	key := op + "\x00" + name
	c.k.c.mu.Lock()
	a, ok := c.k.c.stats[key]
	ok = ok && c.k.c.state == c.k.state
	c.k.c.mu.Unlock()
	if ok {
		return a.info, a.err
	}
	a.info, a.err = fn(name)
	c.k.c.mu.Lock()
	if c.k.c.state == c.k.state {
		c.k.c.stats[key] = a
	}
	c.k.c.mu.Unlock()
	return a.info, a.err
}

// Stat implements pathing.FS.
func (c cachedFS) Stat(name string) (fs.FileInfo, error) { return c.stat("stat", name, c.FS.Stat) }

// Lstat implements pathing.FS.
func (c cachedFS) Lstat(name string) (fs.FileInfo, error) { return c.stat("lstat", name, c.FS.Lstat) }

// ReadDir implements pathing.FS; callers must not modify the entries.
func (c cachedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.k.c.mu.Lock()
	a, ok := c.k.c.dirs[name]
	ok = ok && c.k.c.state == c.k.state
	c.k.c.mu.Unlock()
	if ok {
		return a.ents, a.err
	}
	a.ents, a.err = c.FS.ReadDir(name)
	c.k.c.mu.Lock()
	if c.k.c.state == c.k.state {
		c.k.c.dirs[name] = a
	}
	c.k.c.mu.Unlock()
	return a.ents, a.err
}
