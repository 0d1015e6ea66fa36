package refactor

import (
	"bytes"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pyward/pyward/pathing"
	"github.com/pyward/pyward/pathing/exclude"
)

// fileInfo is a workspace file with what tells whether it changed.
type fileInfo struct {
	path string
	size int64
	mod  time.Time
}

// Scanner remembers, between plans, the identifiers of each workspace file (by size
// and mtime), so that a plan reads only the files that changed since the last one,
// and what the world as it is answered (see presentCache), so that a plan resolves
// only what changed. It is safe for concurrent use.
type Scanner struct {
	mu      sync.Mutex
	files   map[string]scanned
	present presentCache
}

type scanned struct {
	size  int64
	mod   time.Time
	words []string // sorted, unique
}

// NewScanner returns an empty Scanner.
func NewScanner() *Scanner { return &Scanner{files: map[string]scanned{}} }

// spells reports whether the file spells one of words as an identifier.
func (s *Scanner) spells(fsys pathing.FS, f fileInfo, words []string) bool {
	s.mu.Lock()
	e, ok := s.files[f.path]
	s.mu.Unlock()
	if !ok || e.size != f.size || !e.mod.Equal(f.mod) {
		src, err := fsys.ReadFile(f.path)
		if err != nil {
			return false
		}
		e = scanned{size: f.size, mod: f.mod, words: identifiers(src)}
		s.mu.Lock()
		s.files[f.path] = e
		s.mu.Unlock()
	}
	for _, w := range words {
		if i := sort.SearchStrings(e.words, w); i < len(e.words) && e.words[i] == w {
			return true
		}
	}
	return false
}

// identifiers returns the sorted, unique identifier-like words of src.
func identifiers(src []byte) []string {
	seen := map[string]bool{}
	var out []string
	for i := 0; i < len(src); {
		if !identByte(src[i]) {
			i++
			continue
		}
		j := i
		for j < len(src) && identByte(src[j]) {
			j++
		}
		if w := string(src[i:j]); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
		i = j
	}
	sort.Strings(out)
	return out
}

// skipDir reports whether a folder of the workspace is not searched for importers:
// hidden folders and pyward's default excludes (caches, node_modules, virtual
// environments, installed packages); folders holding a pyvenv.cfg are skipped too.
func skipDir(name string) bool {
	if strings.HasPrefix(name, ".") {
		return true
	}
	for _, d := range exclude.Default {
		if d == name {
			return true
		}
	}
	return false
}

// workspaceFile is a Python file of the workspace as its folder lists it.
type workspaceFile struct {
	path string
	ent  fs.DirEntry
}

// workspaceFiles lists the Python files of the workspace folders. Their size and
// mtime are read later, in parallel (one lstat each).
func (pl *planner) workspaceFiles() ([]workspaceFile, error) {
	var out []workspaceFile
	seen := map[string]bool{}
	var walk func(dir string) error
	walk = func(dir string) error {
		if err := pl.ctx.Err(); err != nil {
			return err
		}
		ents, err := pl.ix.FS.ReadDir(dir)
		if err != nil {
			return nil // unreadable folders hold no importers we could edit
		}
		for _, e := range ents {
			p := pl.p.f.Join(dir, e.Name())
			switch {
			case e.IsDir():
				if skipDir(e.Name()) {
					continue
				}
				if _, err := pl.ix.FS.Lstat(pl.p.f.Join(p, "pyvenv.cfg")); err == nil {
					continue
				}
				if err := walk(p); err != nil {
					return err
				}
			case e.Type().IsRegular() && isPython(e.Name()):
				if !seen[p] {
					seen[p] = true
					out = append(out, workspaceFile{p, e})
				}
			}
		}
		return nil
	}
	for _, w := range pl.workspace {
		if err := walk(w); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// candidates returns the files that may import a moved module: the moved files, and
// every workspace file whose text (or open buffer) spells one of the moved names as a
// word. Any import of a moved module spells the name of the moved file or folder
// itself (`import a.b.c`, `from a.b import c`, `from .b.c import x`, `a.b.c.x` after
// `import a`), so the text filter loses none.
func (pl *planner) candidates() ([]string, error) {
	files, err := pl.workspaceFiles()
	if err != nil {
		return nil, err
	}
	words := make([][]byte, len(pl.words))
	for i, w := range pl.words {
		words[i] = []byte(w)
	}
	keep := make([]bool, len(files))
	var wg sync.WaitGroup
	var next int
	var mu sync.Mutex
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(files) {
					return
				}
				info, err := files[i].ent.Info()
				if err != nil {
					continue // gone since it was listed
				}
				keep[i] = pl.scanner.spells(pl.ix.FS, fileInfo{files[i].path, info.Size(), info.ModTime()}, pl.words)
			}
		}()
	}
	wg.Wait()
	set := map[string]bool{}
	for i, f := range files {
		if keep[i] {
			set[f.path] = true
		}
	}
	for _, f := range pl.movedFiles {
		set[pl.p.clean(f)] = true
	}
	// Open buffers speak for their files: their text may differ from the disk.
	for k, m := range pl.ix.OpenModules() {
		if k = pl.p.clean(k); !set[k] && isPython(k) && pl.inWorkspace(k) && spellsAny(m.Tree.Src, words) {
			set[k] = true
		}
	}
	out := make([]string, 0, len(set))
	for f := range set {
		if !pl.inWorkspace(f) {
			return nil, fmt.Errorf("moved file %s outside the workspace", f)
		}
		out = append(out, f)
	}
	sort.Strings(out)
	return out, nil
}

// spellsAny reports whether src contains one of words as a whole identifier.
func spellsAny(src []byte, words [][]byte) bool {
	for _, w := range words {
		for i := 0; ; {
			j := bytes.Index(src[i:], w)
			if j < 0 {
				break
			}
			s, e := i+j, i+j+len(w)
			if (s == 0 || !identByte(src[s-1])) && (e == len(src) || !identByte(src[e])) {
				return true
			}
			i = e
		}
	}
	return false
}

func identByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
