package server

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// lspEdit is the part of a WorkspaceEdit the rename tests apply: documentChanges
// holding text document edits and rename operations.
type lspEdit struct {
	DocumentChanges []json.RawMessage `json:"documentChanges"`
}

type lspChange struct {
	Kind         string `json:"kind"`
	OldURI       string `json:"oldUri"`
	NewURI       string `json:"newUri"`
	TextDocument struct {
		URI string `json:"uri"`
	} `json:"textDocument"`
	Edits []struct {
		Range struct {
			Start struct{ Line, Character uint32 } `json:"start"`
			End   struct{ Line, Character uint32 } `json:"end"`
		} `json:"range"`
		NewText string `json:"newText"`
	} `json:"edits"`
}

// applyEdit applies a WorkspaceEdit as a client does before it moves the files: the
// text edits (UTF-16 positions), and returns the rename operations it holds.
func applyEdit(t *testing.T, raw json.RawMessage) (renames [][2]string, files int) {
	t.Helper()
	var we lspEdit
	if err := json.Unmarshal(raw, &we); err != nil {
		t.Fatalf("bad edit %s: %v", raw, err)
	}
	for _, dc := range we.DocumentChanges {
		var c lspChange
		if err := json.Unmarshal(dc, &c); err != nil {
			t.Fatalf("bad document change %s: %v", dc, err)
		}
		if c.Kind == "rename" {
			o, _ := pathing.URIToPath(c.OldURI)
			n, _ := pathing.URIToPath(c.NewURI)
			renames = append(renames, [2]string{o, n})
			continue
		}
		path, err := pathing.URIToPath(c.TextDocument.URI)
		if err != nil {
			t.Fatalf("bad uri %s", c.TextDocument.URI)
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("edit of %s: %v", path, err)
		}
		lines := analysis.NewLineIndex(src)
		type span struct {
			s, e uint32
			text string
		}
		var spans []span
		for _, e := range c.Edits {
			sp := lines.Span(analysis.Range{
				Start: analysis.Position{Line: e.Range.Start.Line, Character: e.Range.Start.Character},
				End:   analysis.Position{Line: e.Range.End.Line, Character: e.Range.End.Character},
			}, analysis.UTF16)
			spans = append(spans, span{sp.Start, sp.End, e.NewText})
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].s > spans[j].s })
		out := append([]byte(nil), src...)
		for _, s := range spans {
			out = append(out[:s.s:s.s], append([]byte(s.text), src[s.e:]...)...)
			src = out
		}
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files++
	}
	return renames, files
}

// moveGen draws random moves of files and folders inside a workspace.
type moveGen struct {
	rng  *rand.Rand
	root string
	n    int
}

// tree lists the workspace: Python source files (not __init__), folders that hold
// Python files (not the root), and every folder (the root included).
func (g *moveGen) tree() (files, pkgs, dirs []string) {
	_ = filepath.WalkDir(g.root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if d.Name() == "__pycache__" || strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			dirs = append(dirs, p)
			if p != g.root {
				if m, _ := filepath.Glob(filepath.Join(p, "*.py")); len(m) > 0 {
					pkgs = append(pkgs, p)
				}
			}
			return nil
		}
		if strings.HasSuffix(p, ".py") && d.Name() != "__init__.py" && d.Name() != "__main__.py" {
			files = append(files, p)
		}
		return nil
	})
	return files, pkgs, dirs
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

// next draws one move: a file to another folder (or a new folder) or renamed, or a
// folder moved or renamed.
func (g *moveGen) next() (oldPath, newPath string) {
	files, pkgs, dirs := g.tree()
	for {
		g.n++
		r := g.rng.Intn(100)
		switch {
		case r < 55 && len(files) > 0: // a file to a folder, maybe renamed
			f := files[g.rng.Intn(len(files))]
			d := dirs[g.rng.Intn(len(dirs))]
			name := filepath.Base(f)
			if g.rng.Intn(2) == 0 {
				name = fmt.Sprintf("m%d_%s", g.n, name)
			}
			if p := filepath.Join(d, name); !exists(p) {
				return f, p
			}
		case r < 70 && len(files) > 0: // a file into a new folder (a namespace package)
			f := files[g.rng.Intn(len(files))]
			d := dirs[g.rng.Intn(len(dirs))]
			return f, filepath.Join(d, fmt.Sprintf("nd%d", g.n), filepath.Base(f))
		case len(pkgs) > 0: // a folder moved, maybe renamed
			p := pkgs[g.rng.Intn(len(pkgs))]
			d := dirs[g.rng.Intn(len(dirs))]
			if d == p || strings.HasPrefix(d, p+string(filepath.Separator)) {
				continue
			}
			name := filepath.Base(p)
			if g.rng.Intn(2) == 0 || d == filepath.Dir(p) {
				name = fmt.Sprintf("%s_r%d", name, g.n)
			}
			if np := filepath.Join(d, name); !exists(np) {
				return p, np
			}
		}
	}
}

// move performs a rename on disk as a client does, creating missing folders.
func move(t *testing.T, oldPath, newPath string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(newPath), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(oldPath, newPath); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the Python files of src into dst (no caches).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == "__pycache__" || d.Name() == "test" || d.Name() == "tests" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		if !strings.HasSuffix(p, ".py") && !strings.HasSuffix(p, ".pyi") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
