package pathing

import (
	"io/fs"
	"sort"
	"strings"
)

// listing is a cached directory listing. names holds the entry names as
// CPython's FileFinder caches them (on NT, with the part after the first dot
// lower-cased); raw holds them as listed, sorted.
type listing struct {
	names map[string]struct{}
	raw   []string
}

func (l *listing) has(name string) bool {
	_, ok := l.names[name]
	return ok
}

type statEntry struct {
	ok   bool
	mode fs.FileMode
}

// cacheKey identifies a path in the caches: normpath, and normcase on NT.
func (r *Resolver) cacheKey(p string) string {
	if r.f.nt {
		return ntNormcase(ntNormpath(p))
	}
	return posixNormpath(p)
}

// list returns dir's listing, reading it once. A missing or unreadable
// directory lists as empty, as CPython's FileFinder treats it.
func (r *Resolver) list(dir string) *listing {
	k := r.cacheKey(dir)
	r.mu.RLock()
	l, ok := r.listings[k]
	gen := r.gen
	r.mu.RUnlock()
	if ok {
		return l
	}
	l = &listing{names: map[string]struct{}{}}
	entries, err := r.fsys.ReadDir(dir)
	if err == nil {
		for _, e := range entries {
			name := e.Name()
			l.raw = append(l.raw, name)
			if r.f.nt {
				if i := strings.IndexByte(name, '.'); i >= 0 {
					name = name[:i+1] + pyLower(name[i+1:])
				}
			}
			l.names[name] = struct{}{}
		}
		sort.Strings(l.raw)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if prev, ok := r.listings[k]; ok {
		return prev
	}
	if gen == r.gen {
		r.listings[k] = l
	}
	return l
}

func (r *Resolver) stat(p string) statEntry {
	k := r.cacheKey(p)
	r.mu.RLock()
	s, ok := r.stats[k]
	gen := r.gen
	r.mu.RUnlock()
	if ok {
		return s
	}
	if fi, err := r.fsys.Stat(p); err == nil {
		s = statEntry{ok: true, mode: fi.Mode()}
	}
	r.mu.Lock()
	if gen == r.gen {
		r.stats[k] = s
	}
	r.mu.Unlock()
	return s
}

// IsFile reports whether p is a regular file (following links), as importlib's
// _path_isfile decides it, from the resolver's cache: the answer holds until Forget or
// ForgetAll drops it.
func (r *Resolver) IsFile(p string) bool { return r.isFile(p) }

// isFile is importlib's _path_isfile: stat (following links) says regular file.
func (r *Resolver) isFile(p string) bool {
	s := r.stat(p)
	return s.ok && s.mode.IsRegular()
}

// isDir is importlib's _path_isdir.
func (r *Resolver) isDir(p string) bool {
	s := r.stat(p)
	return s.ok && s.mode.IsDir()
}

// Forget drops what the resolver cached about path: its own listing and
// status, everything below it, and its parent's listing (which changes when
// path is created or removed). Call it when the file or folder changes.
func (r *Resolver) Forget(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gen++
	k := r.cacheKey(path)
	parent := r.cacheKey(r.f.Dirname(r.f.Normpath(path)))
	delete(r.listings, parent)
	prefix := k
	if !strings.HasSuffix(prefix, r.f.Sep()) {
		prefix += r.f.Sep()
	}
	for key := range r.listings {
		if key == k || strings.HasPrefix(key, prefix) {
			delete(r.listings, key)
		}
	}
	for key := range r.stats {
		if key == k || strings.HasPrefix(key, prefix) {
			delete(r.stats, key)
		}
	}
}

// Generation changes each time the resolver forgets (Forget, ForgetAll,
// SetExtensionSuffixes): what callers derived from its answers under one generation
// holds as long as it is the same.
func (r *Resolver) Generation() uint64 {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.gen
}

// ForgetAll empties the caches.
func (r *Resolver) ForgetAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gen++
	r.listings = map[string]*listing{}
	r.stats = map[string]statEntry{}
}
