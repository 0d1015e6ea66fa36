package pathing

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

// MemFS is an in-memory FS for tests, in either flavour. POSIX names are
// case-sensitive and ".." is resolved physically (after a link, from the
// link's target), as Linux does. NT names are case-insensitive (kept as
// created), "/" and "\" both separate, ".." is resolved lexically as Win32
// does, and volumes are drive letters ("C:") or UNC shares ("\\srv\share"),
// created on first use. Following more than 40 links in one lookup fails with
// ELOOP, so a symlink loop never hangs. Safe for concurrent use.
type MemFS struct {
	mu      sync.RWMutex
	flavour Flavour
	wd      string
	vols    map[string]*memNode
	clock   time.Time
}

type memNode struct {
	name     string
	mode     fs.FileMode // 0, fs.ModeDir or fs.ModeSymlink
	data     []byte
	target   string
	children map[string]*memNode
	mtime    time.Time
}

const maxSymlinkHops = 40

// NewMemFS returns an empty filesystem of flavour f with working directory
// "/" (POSIX) or "C:\" (NT).
func NewMemFS(f Flavour) *MemFS {
	wd := "/"
	if f.nt {
		wd = `C:\`
	}
	return &MemFS{flavour: f, wd: wd, vols: map[string]*memNode{}, clock: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// Flavour returns the flavour of m's paths.
func (m *MemFS) Flavour() Flavour { return m.flavour }

// SetWd sets the working directory relative names are resolved against.
func (m *MemFS) SetWd(dir string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.wd = m.abs(dir)
}

// Getwd returns the working directory.
func (m *MemFS) Getwd() (string, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.wd, nil
}

func (m *MemFS) key(name string) string {
	if m.flavour.nt {
		return pyLower(name)
	}
	return name
}

// abs makes name absolute against the working directory. On NT the result
// is also normalised lexically.
func (m *MemFS) abs(name string) string {
	f := m.flavour
	if !f.nt {
		if posixIsAbs(name) {
			return name
		}
		return posixJoin(m.wd, []string{name})
	}
	drive, rest := ntSplitdrive(name)
	wdDrive, _ := ntSplitdrive(m.wd)
	switch {
	case drive == "" && strings.HasPrefix(strings.ReplaceAll(rest, "/", `\`), `\`):
		name = wdDrive + rest
	case drive == "":
		name = ntJoin(m.wd, []string{rest})
	case !strings.HasPrefix(strings.ReplaceAll(rest, "/", `\`), `\`):
		if pyLower(drive) == pyLower(wdDrive) {
			name = ntJoin(m.wd, []string{rest})
		} else {
			name = drive + `\` + rest
		}
	}
	return ntNormpath(name)
}

// split returns the volume key and the components of an absolute name.
func (m *MemFS) split(abs string) (vol string, comps []string) {
	if !m.flavour.nt {
		return "", strings.Split(abs, "/")[1:]
	}
	drive, rest := ntSplitdrive(abs)
	return m.key(drive), nonEmptyParts(rest, '\\')
}

func pathErr(op, name string, err error) error { return &fs.PathError{Op: op, Path: name, Err: err} }

// posixPathMax is Linux's PATH_MAX: a longer name is refused with ENAMETOOLONG.
const posixPathMax = 4096

// lookup finds name; the last component is followed if it is a link and
// follow is set. It returns the node and its absolute, link-free path.
func (m *MemFS) lookup(op, name string, follow bool) (*memNode, string, error) {
	if !m.flavour.nt && len(name) >= posixPathMax {
		// as Linux: a relative path that climbs a link to itself (p -> ../p) grows
		// without end in realpath until the kernel refuses it
		return nil, "", pathErr(op, name, syscall.ENAMETOOLONG)
	}
	abs := m.abs(name)
	hops := 0
restart:
	vol, comps := m.split(abs)
	root := m.vols[vol]
	if root == nil {
		return nil, "", pathErr(op, name, syscall.ENOENT)
	}
	stack := []*memNode{root}
	names := []string{}
	for i := 0; i < len(comps); i++ {
		c := comps[i]
		cur := stack[len(stack)-1]
		if cur.mode != fs.ModeDir {
			return nil, "", pathErr(op, name, syscall.ENOTDIR)
		}
		if c == "" || c == "." {
			continue
		}
		if c == ".." {
			if len(stack) > 1 {
				stack, names = stack[:len(stack)-1], names[:len(names)-1]
			}
			continue
		}
		child := cur.children[m.key(c)]
		if child == nil {
			return nil, "", pathErr(op, name, syscall.ENOENT)
		}
		if child.mode == fs.ModeSymlink && (i < len(comps)-1 || follow) {
			hops++
			if hops > maxSymlinkHops {
				return nil, "", pathErr(op, name, syscall.ELOOP)
			}
			rest := comps[i+1:]
			if m.flavour.nt {
				parent := m.volumeRoot(abs) + strings.Join(names, `\`)
				abs = ntNormpath(ntJoin(ntJoin(parent, []string{child.target}), rest))
				goto restart
			}
			tcomps := strings.Split(child.target, "/")
			if posixIsAbs(child.target) {
				stack, names = stack[:1], names[:0]
				tcomps = tcomps[1:]
			}
			comps = append(tcomps, rest...)
			i = -1
			continue
		}
		stack = append(stack, child)
		names = append(names, child.name)
	}
	if m.flavour.nt {
		return stack[len(stack)-1], m.volumeRoot(abs) + strings.Join(names, `\`), nil
	}
	return stack[len(stack)-1], "/" + strings.Join(names, "/"), nil
}

// volumeRoot is the root of abs's volume, "C:\" or "\\srv\share\".
func (m *MemFS) volumeRoot(abs string) string {
	d, _ := ntSplitdrive(abs)
	return d + `\`
}

type memInfo struct {
	name  string
	size  int64
	mode  fs.FileMode
	mtime time.Time
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return i.mode }
func (i memInfo) ModTime() time.Time { return i.mtime }
func (i memInfo) IsDir() bool        { return i.mode.IsDir() }
func (i memInfo) Sys() any           { return nil }

func (n *memNode) info() fs.FileInfo {
	mode := n.mode | 0o644
	if n.mode == fs.ModeDir {
		mode = n.mode | 0o755
	} else if n.mode == fs.ModeSymlink {
		mode = n.mode | 0o777
	}
	size := int64(len(n.data))
	if n.mode == fs.ModeSymlink {
		size = int64(len(n.target))
	}
	return memInfo{name: n.name, size: size, mode: mode, mtime: n.mtime}
}

// Lstat describes name without following a final link.
func (m *MemFS) Lstat(name string) (fs.FileInfo, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	n, _, err := m.lookup("lstat", name, false)
	if err != nil {
		return nil, err
	}
	return n.info(), nil
}

// Stat describes name, following links.
func (m *MemFS) Stat(name string) (fs.FileInfo, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	n, _, err := m.lookup("stat", name, true)
	if err != nil {
		return nil, err
	}
	return n.info(), nil
}

// Readlink returns the target of the link name.
func (m *MemFS) Readlink(name string) (string, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	n, _, err := m.lookup("readlink", name, false)
	if err != nil {
		return "", err
	}
	if n.mode != fs.ModeSymlink {
		return "", pathErr("readlink", name, syscall.EINVAL)
	}
	return n.target, nil
}

// ReadDir lists the directory name, sorted by name.
func (m *MemFS) ReadDir(name string) ([]fs.DirEntry, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	n, _, err := m.lookup("open", name, true)
	if err != nil {
		return nil, err
	}
	if n.mode != fs.ModeDir {
		return nil, pathErr("readdirent", name, syscall.ENOTDIR)
	}
	out := make([]fs.DirEntry, 0, len(n.children))
	for _, c := range n.children {
		out = append(out, fs.FileInfoToDirEntry(c.info()))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// ReadFile returns the contents of the file name.
func (m *MemFS) ReadFile(name string) ([]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	n, _, err := m.lookup("open", name, true)
	if err != nil {
		return nil, err
	}
	if n.mode != 0 {
		return nil, pathErr("read", name, syscall.EISDIR)
	}
	return append([]byte(nil), n.data...), nil
}

func (m *MemFS) tick() time.Time {
	m.clock = m.clock.Add(time.Second)
	return m.clock
}

// mkdirAll makes dir and its parents (following links to directories) and
// returns it. Called with m.mu held.
func (m *MemFS) mkdirAll(op, dir string) (*memNode, error) {
	abs := m.abs(dir)
	vol, comps := m.split(abs)
	if m.vols[vol] == nil {
		name := "/"
		if m.flavour.nt {
			name = m.volumeRoot(abs)
		}
		m.vols[vol] = &memNode{name: name, mode: fs.ModeDir, children: map[string]*memNode{}, mtime: m.tick()}
	}
	prefix := m.volumeRootOf(abs)
	for i, c := range comps {
		if c == "" || c == "." || c == ".." {
			continue
		}
		p := m.flavour.Join(prefix, strings.Join(nonEmptyStrings(comps[:i+1]), m.flavour.Sep()))
		n, _, err := m.lookup(op, p, true)
		if err == nil {
			if n.mode != fs.ModeDir {
				return nil, pathErr(op, p, syscall.ENOTDIR)
			}
			continue
		}
		parent, _, perr := m.lookup(op, m.flavour.Dirname(p), true)
		if perr != nil {
			return nil, perr
		}
		if parent.children[m.key(c)] != nil { // a dangling link
			return nil, pathErr(op, p, syscall.EEXIST)
		}
		parent.children[m.key(c)] = &memNode{name: c, mode: fs.ModeDir, children: map[string]*memNode{}, mtime: m.tick()}
		parent.mtime = m.clock
	}
	n, _, err := m.lookup(op, abs, true)
	return n, err
}

func (m *MemFS) volumeRootOf(abs string) string {
	if m.flavour.nt {
		return m.volumeRoot(abs)
	}
	return "/"
}

func nonEmptyStrings(s []string) []string {
	out := make([]string, 0, len(s))
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

// add puts node under name's parent (created as needed).
func (m *MemFS) add(op, name string, node *memNode, replace bool) error {
	abs := m.abs(name)
	dir, base := m.flavour.Split(abs)
	if base == "" || base == "." || base == ".." {
		return pathErr(op, name, syscall.EINVAL)
	}
	parent, err := m.mkdirAll(op, dir)
	if err != nil {
		return err
	}
	old := parent.children[m.key(base)]
	if old != nil && (!replace || old.mode != 0) {
		return pathErr(op, name, syscall.EEXIST)
	}
	node.name = base
	node.mtime = m.tick()
	parent.children[m.key(base)] = node
	parent.mtime = node.mtime
	return nil
}

// Mkdir creates the directory name and any missing parents; an existing
// directory is not an error.
func (m *MemFS) Mkdir(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, err := m.mkdirAll("mkdir", name)
	return err
}

// WriteFile creates or replaces the regular file name, creating parents.
func (m *MemFS) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.add("open", name, &memNode{data: append([]byte(nil), data...)}, true)
}

// Symlink creates name as a symbolic link to target (stored verbatim),
// creating parents. An empty target is refused with ENOENT, as Linux does.
func (m *MemFS) Symlink(target, name string) error {
	if target == "" {
		return pathErr("symlink", name, syscall.ENOENT)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.add("symlink", name, &memNode{mode: fs.ModeSymlink, target: target}, false)
}

// Remove deletes name (a final link itself, not its target), with all it
// contains.
func (m *MemFS) Remove(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	dir, base := m.flavour.Split(m.abs(name))
	parent, _, err := m.lookup("remove", dir, true)
	if err != nil {
		return err
	}
	if parent.mode != fs.ModeDir || parent.children[m.key(base)] == nil {
		return pathErr("remove", name, syscall.ENOENT)
	}
	delete(parent.children, m.key(base))
	parent.mtime = m.tick()
	return nil
}

// AddTree adds many entries at once: a name ending in a separator is a
// directory, a value starting with "-> " is a symbolic link to the rest of
// the value, anything else is a file with that content. Entries are added in
// sorted order of name.
func (m *MemFS) AddTree(entries map[string]string) error {
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := entries[n]
		var err error
		switch {
		case n != "" && m.flavour.isSep(n[len(n)-1]):
			err = m.Mkdir(n)
		case strings.HasPrefix(v, "-> "):
			err = m.Symlink(v[3:], n)
		default:
			err = m.WriteFile(n, []byte(v))
		}
		if err != nil {
			return fmt.Errorf("pathing: MemFS.AddTree: %w", err)
		}
	}
	return nil
}
