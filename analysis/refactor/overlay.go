package refactor

import (
	"io/fs"
	"strings"
	"time"

	"github.com/pyward/pyward/pathing"
)

// paths is the path arithmetic of one flavour that the planner needs.
type paths struct{ f pathing.Flavour }

// clean normalises p (normpath, no trailing separator).
func (p paths) clean(s string) string { return p.f.Normpath(s) }

// under reports whether s is root or inside it, and returns the rest of s after
// root (with its leading separator, "" for root itself). Both must be clean.
func (p paths) under(s, root string) (string, bool) {
	cs, cr := p.f.Normcase(s), p.f.Normcase(root)
	if cs == cr {
		return "", true
	}
	sep := p.f.Sep()
	if strings.HasSuffix(cr, sep) { // a volume root such as "/" or "C:\"
		if strings.HasPrefix(cs, cr) {
			return sep + s[len(root):], true
		}
		return "", false
	}
	if strings.HasPrefix(cs, cr+sep) {
		return s[len(root):], true
	}
	return "", false
}

// join appends rest (as returned by under) to root.
func (p paths) join(root, rest string) string {
	if rest == "" {
		return root
	}
	if strings.HasSuffix(root, p.f.Sep()) {
		return root + rest[1:]
	}
	return root + rest
}

// overlay is the filesystem as it will be once the moves are done: a moved file or
// folder is seen at its new path (with its old content) and no longer at its old one.
// Folders that only the moves create appear as empty folders.
type overlay struct {
	base  pathing.FS
	p     paths
	moves []Move          // clean paths
	dirs  map[string]bool // clean folders created by the moves (absent from base)
}

func newOverlay(base pathing.FS, p paths, moves []Move) *overlay {
	o := &overlay{base: base, p: p, moves: moves, dirs: map[string]bool{}}
	for _, m := range moves {
		for d := p.f.Dirname(m.New); ; d = p.f.Dirname(d) {
			if _, ok := o.toBase(d); ok {
				if _, err := base.Lstat(d); err == nil {
					break
				}
			}
			if o.dirs[d] {
				break
			}
			o.dirs[d] = true
			if parent := p.f.Dirname(d); parent == d {
				break
			}
		}
	}
	return o
}

// toBase returns where path s of the new world lives in the base filesystem, and
// false when s is a path the moves vacated.
func (o *overlay) toBase(s string) (string, bool) {
	s = o.p.clean(s)
	for _, m := range o.moves {
		if rest, ok := o.p.under(s, m.New); ok {
			return o.p.join(m.Old, rest), true
		}
	}
	for _, m := range o.moves {
		if _, ok := o.p.under(s, m.Old); ok {
			return "", false
		}
	}
	return s, true
}

type dirInfo struct{ name string }

func (d dirInfo) Name() string       { return d.name }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }

// named is a FileInfo under another name.
type named struct {
	fs.FileInfo
	name string
}

func (n named) Name() string { return n.name }

func notExist(op, name string) error {
	return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
}

func (o *overlay) stat(op, name string, fn func(string) (fs.FileInfo, error)) (fs.FileInfo, error) {
	c := o.p.clean(name)
	if o.dirs[c] {
		return dirInfo{name: o.p.f.Basename(c)}, nil
	}
	b, ok := o.toBase(c)
	if !ok {
		return nil, notExist(op, name)
	}
	info, err := fn(b)
	if err != nil {
		return nil, err
	}
	return named{info, o.p.f.Basename(c)}, nil
}

// Lstat implements pathing.FS.
func (o *overlay) Lstat(name string) (fs.FileInfo, error) {
	return o.stat("lstat", name, o.base.Lstat)
}

// Stat implements pathing.FS.
func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	return o.stat("stat", name, o.base.Stat)
}

// Readlink implements pathing.FS.
func (o *overlay) Readlink(name string) (string, error) {
	b, ok := o.toBase(name)
	if !ok {
		return "", notExist("readlink", name)
	}
	return o.base.Readlink(b)
}

// ReadFile implements pathing.FS.
func (o *overlay) ReadFile(name string) ([]byte, error) {
	b, ok := o.toBase(name)
	if !ok {
		return nil, notExist("open", name)
	}
	return o.base.ReadFile(b)
}

// Getwd implements pathing.FS.
func (o *overlay) Getwd() (string, error) { return o.base.Getwd() }

// ReadDir implements pathing.FS: the base listing without what moved away, with
// what moved in and the folders the moves create.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	c := o.p.clean(name)
	seen := map[string]bool{}
	var out []fs.DirEntry
	if !o.dirs[c] {
		b, ok := o.toBase(c)
		if !ok {
			return nil, notExist("open", name)
		}
		ents, err := o.base.ReadDir(b)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			child := o.p.f.Join(c, e.Name())
			if cb, ok := o.toBase(child); ok && cb == o.p.f.Join(b, e.Name()) {
				out = append(out, e)
				seen[e.Name()] = true
			}
		}
	}
	for _, m := range o.moves {
		if o.p.f.Dirname(m.New) != c {
			continue
		}
		n := o.p.f.Basename(m.New)
		if seen[n] {
			continue
		}
		if info, err := o.base.Lstat(m.Old); err == nil {
			out = append(out, fs.FileInfoToDirEntry(named{info, n}))
			seen[n] = true
		}
	}
	for d := range o.dirs {
		if o.p.f.Dirname(d) == c && d != c {
			if n := o.p.f.Basename(d); !seen[n] {
				out = append(out, fs.FileInfoToDirEntry(dirInfo{name: n}))
				seen[n] = true
			}
		}
	}
	return out, nil
}
