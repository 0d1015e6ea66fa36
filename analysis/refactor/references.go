package refactor

import (
	"context"
	"sort"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// Reference is one place in the workspace that names a module in an import.
type Reference struct {
	Path string
	// Module is the text Span refers to (an open buffer or the file on disk).
	Module *analysis.Module
	Span   analysis.Span
}

// ModuleAt returns the module that file f names at offset: a segment of an import's
// dotted path (the module up to that segment), the dots of `from . import x` (the
// package), an imported name that is a submodule, or, anywhere on the first line
// outside an import, the module of the file itself.
func ModuleAt(ix *analysis.Index, f *analysis.File, offset uint32) (pathing.Module, bool) {
	if f.Path == "" {
		return pathing.Module{}, false
	}
	w := world{ix: ix, roots: ix.Roots(), module: func(p string) (*analysis.Module, bool) {
		m, err := ix.Module(p)
		return m, err == nil
	}}
	m := f.Module
	for _, imp := range m.Imports {
		if offset < imp.Span.Start || offset > imp.Span.End || imp.Future {
			continue
		}
		in := func(s analysis.Span) bool { return s.Start <= offset && offset <= s.End && s.End > s.Start }
		if !imp.From {
			for _, n := range imp.Names {
				for i, s := range n.Path {
					if in(s.Span) {
						segs, _, ok := w.resolve(f.Path, 0, names(n.Path[:i+1]))
						if ok {
							return segs[i], true
						}
						return pathing.Module{}, false
					}
				}
			}
			return pathing.Module{}, false
		}
		for i, s := range imp.Module {
			if in(s.Span) {
				segs, _, ok := w.resolve(f.Path, imp.Dots, names(imp.Module[:i+1]))
				if ok {
					return segs[i], true
				}
				return pathing.Module{}, false
			}
		}
		src, ok := w.source(f.Path, imp)
		if !ok {
			return pathing.Module{}, false
		}
		if imp.Dots > 0 && len(imp.Module) == 0 && in(imp.DotsSpan) {
			return src, true
		}
		for _, n := range imp.Names {
			if in(n.Path[0].Span) {
				if _, sub := w.fromName(src, n.Path[0].Name); sub != nil {
					return *sub, true
				}
			}
		}
		return pathing.Module{}, false
	}
	if nl := strings.IndexByte(string(m.Tree.Src), '\n'); nl < 0 || offset <= uint32(nl) {
		name, _ := ix.Resolver.ModuleName(f.Path, ix.Roots())
		return pathing.Module{Name: name, Path: f.Path}, true
	}
	return pathing.Module{}, false
}

func names(segs []analysis.Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Name
	}
	return out
}

// ModuleReferences returns every import of module target in the Python files of the
// workspace: the dotted segment that names it in `import a.b` and `from a.b import
// x` (absolute or relative), the dots of `from . import x` that denote it, and the
// name in `from a import b` when b is it. Sorted by path and position. Imports that
// do not spell the module's name (a star import of a package whose __all__ lists it)
// are not found.
func ModuleReferences(ctx context.Context, ix *analysis.Index, ws Workspace, target pathing.Module) ([]Reference, error) {
	pl := &planner{ctx: ctx, ix: ix, p: paths{ix.Flavour}, roots: ix.Roots(), renamed: map[string]string{}, scanner: ws.Scanner}
	if pl.scanner == nil {
		pl.scanner = NewScanner()
	}
	for _, f := range ws.Folders {
		pl.workspace = append(pl.workspace, pl.p.clean(f))
	}
	w := world{ix: ix, roots: pl.roots, module: pl.oldModule}
	want := w.key(target)
	last := target.Name[strings.LastIndexByte(target.Name, '.')+1:]
	if last == "" {
		p := moduleFile(target)
		if isInit(p) {
			p = pl.p.f.Dirname(p)
		}
		last = strings.TrimSuffix(strings.TrimSuffix(pl.p.f.Basename(p), ".pyi"), ".py")
	}
	pl.words = []string{last}
	files, err := pl.candidates()
	if err != nil {
		return nil, err
	}
	var out []Reference
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m, err := ix.Module(path)
		if err != nil {
			continue
		}
		add := func(s analysis.Span) { out = append(out, Reference{Path: path, Module: m, Span: s}) }
		for _, imp := range m.Imports {
			if imp.Future {
				continue
			}
			if !imp.From {
				for _, n := range imp.Names {
					segs, _, _ := w.resolve(path, 0, names(n.Path))
					for i, s := range segs {
						if i < len(n.Path) && w.key(s) == want {
							add(n.Path[i].Span)
						}
					}
				}
				continue
			}
			segs, base, ok := w.resolve(path, imp.Dots, names(imp.Module))
			if !ok {
				continue
			}
			for i, s := range segs {
				if w.key(s) == want {
					add(imp.Module[i].Span)
				}
			}
			src := base
			if len(segs) > 0 {
				src = &segs[len(segs)-1]
			} else if base != nil && w.key(*base) == want {
				add(imp.DotsSpan)
			}
			if src == nil || !src.IsPackage() {
				continue
			}
			for _, n := range imp.Names {
				if _, sub := w.fromName(*src, n.Path[0].Name); sub != nil && w.key(*sub) == want {
					add(n.Path[0].Span)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Span.Start < out[j].Span.Start
	})
	return out, nil
}
