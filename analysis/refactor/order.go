package refactor

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// Import order. A rewritten statement imports the same modules it binds, but it may
// pass through other packages on the way: `from .core import engine` runs
// core/__init__.py before engine, `from nsroot.tools import engine` does not. When a
// package whose __init__ itself imports at module level is run at another moment,
// an import cycle can be cut elsewhere and fail ("partially initialized module").
// The planner declines such a rewrite of a module-level statement when that package's
// __init__ and the importing file, or a module the statement imports, import each
// other through module-level imports (a cycle);
// the importing file's own packages are exempt (they are always imported before the
// file runs).

// chainPackages returns the packages a statement imports on its way (by identity),
// with the file of each, in world w.
func (w world) chainPackages(path string, imp *analysis.Import) map[string]string {
	out := map[string]string{}
	add := func(segs []pathing.Module) {
		for _, s := range segs {
			if s.Kind == pathing.KindPackage && s.Path != "" {
				out[w.key(s)] = s.Path
			}
		}
	}
	if !imp.From {
		for _, n := range imp.Names {
			names := make([]string, len(n.Path))
			for i, s := range n.Path {
				names[i] = s.Name
			}
			segs, _, _ := w.resolve(path, 0, names)
			add(segs)
		}
		return out
	}
	names := make([]string, len(imp.Module))
	for i, s := range imp.Module {
		names[i] = s.Name
	}
	segs, _, _ := w.resolve(path, imp.Dots, names)
	add(segs)
	return out
}

// ancestors returns the identities of the packages that hold the file at path.
func (w world) ancestors(path string) map[string]bool {
	out := map[string]bool{}
	dir := w.ix.Flavour.Dirname(path)
	name, ok := w.ix.Resolver.ModuleName(dir, w.roots)
	if !ok {
		return out
	}
	parts := strings.Split(name, ".")
	segs, _ := w.ix.Resolver.ResolveAbsolute(parts, w.roots)
	for _, s := range segs {
		out[w.key(s)] = true
	}
	return out
}

// importsAtLoad reports whether the module file at path imports anything at its top level.
func importsAtLoad(w world, path string) bool {
	m, ok := w.module(path)
	if !ok {
		return true
	}
	for _, imp := range m.Imports {
		if !imp.Future && imp.Scope != nil && imp.Scope.Kind == analysis.ModuleScope {
			return true
		}
	}
	return false
}

// checkOrder declines a rewrite of a module-level statement that would run, or no
// longer run, a package __init__ (one that imports at load time) at that point, when
// that package is in an import cycle with the importing file or with a module the
// statement imports.
func (pl *planner) checkOrder(path, newPath string, imp *analysis.Import, rewritten []*analysis.Import, before info, where string) error {
	if imp.Scope == nil || imp.Scope.Kind != analysis.ModuleScope {
		return nil
	}
	old, cur := pl.worlds()
	was := old.chainPackages(path, imp)
	now := map[string]string{}
	for _, ni := range rewritten {
		for k, v := range cur.chainPackages(newPath, ni) {
			now[k] = v
		}
	}
	exempt := old.ancestors(path)
	for k := range cur.ancestors(newPath) {
		exempt[k] = true
	}
	// The files the statement runs besides the packages on its way (old paths).
	var targets []string
	for _, m := range before.mods {
		if m.Path != "" {
			targets = append(targets, m.Path)
		}
	}
	for _, s := range before.subs {
		if s != nil && s.Path != "" {
			targets = append(targets, s.Path)
		}
	}
	if before.src.Path != "" {
		targets = append(targets, before.src.Path)
	}
	cycle := func(w world, pkg, file string, targets []string) bool {
		if w.reaches(pkg, w.key(pathing.Module{Path: file})) {
			return true
		}
		pk := w.key(pathing.Module{Path: pkg})
		for _, t := range targets {
			if w.reaches(pkg, w.key(pathing.Module{Path: t})) && w.reaches(t, pk) {
				return true
			}
		}
		return false
	}
	for k, p := range was {
		if _, ok := now[k]; !ok && !exempt[k] && importsAtLoad(old, p) && cycle(old, p, path, targets) {
			return declinef("%s: the rewritten import would no longer run %s first, which is in an import cycle with it", where, p)
		}
	}
	// After the moves every rewritten statement binds what it bound, so the import
	// graph is the present one with paths mapped (identities in the present world are
	// already spelled as the new paths): the search runs there, from where the
	// package's __init__ is now.
	for k, p := range now {
		pb, ok := pl.ov.toBase(p)
		if _, was := was[k]; !was && !exempt[k] && ok && importsAtLoad(cur, p) && cycle(old, pb, path, targets) {
			return declinef("%s: the rewritten import would run %s first, which is in an import cycle with it", where, p)
		}
	}
	return nil
}

// maxReach bounds the modules a search for import cycles visits; beyond it the
// answer is "maybe", which declines.
const maxReach = 5000

// importGraph is the module-level import graph of one world, learnt as searches
// need it, for one plan.
type importGraph struct {
	edges map[string][]pathing.Module // module file -> the modules it imports at load time
	reach map[string]map[string]bool  // module file -> identities it reaches; nil: too many
	// resolved holds the answers of world.resolve (see there).
	resolved map[string]resolution
	// kept, for the world as it is, holds what earlier plans learnt.
	kept kept
}

func newImportGraph() *importGraph {
	return &importGraph{edges: map[string][]pathing.Module{}, reach: map[string]map[string]bool{}, resolved: map[string]resolution{}}
}

// imports returns the modules the module file at path imports at load time (every
// package on the way included), in world w.
func (w world) imports(path string) []pathing.Module {
	if mods, ok := w.graph.edges[path]; ok {
		return mods
	}
	if mods, ok := w.graph.kept.edges(w, path); ok {
		w.graph.edges[path] = mods
		return mods
	}
	// Record the modules read, for the kept edges to know when they no longer hold.
	var deps []moduleRead
	read := w.module
	w.module = func(p string) (*analysis.Module, bool) {
		m, ok := read(p)
		if !ok {
			m = nil
		}
		deps = append(deps, moduleRead{p, m})
		return m, ok
	}
	var mods []pathing.Module
	if m, ok := w.module(path); ok {
		for _, imp := range m.Imports {
			if imp.Future || imp.Scope == nil || imp.Scope.Kind != analysis.ModuleScope {
				continue
			}
			if !imp.From {
				for _, n := range imp.Names {
					names := make([]string, len(n.Path))
					for i, s := range n.Path {
						names[i] = s.Name
					}
					segs, _, _ := w.resolve(path, 0, names)
					mods = append(mods, segs...)
				}
				continue
			}
			names := make([]string, len(imp.Module))
			for i, s := range imp.Module {
				names[i] = s.Name
			}
			segs, base, _ := w.resolve(path, imp.Dots, names)
			mods = append(mods, segs...)
			src := pathing.Module{}
			if len(segs) > 0 {
				src = segs[len(segs)-1]
			} else if base != nil {
				src = *base
			}
			if src.IsPackage() {
				for _, n := range imp.Names {
					if _, sub := w.fromName(src, n.Path[0].Name); sub != nil {
						mods = append(mods, *sub)
					}
				}
			}
		}
	}
	w.graph.edges[path] = mods
	w.graph.kept.putEdges(path, mods, deps)
	return mods
}

// reaches reports whether running the module file at from imports, through
// module-level imports of workspace files, the module whose identity is target. It
// answers true when it cannot tell (more than maxReach modules).
func (w world) reaches(from, target string) bool {
	set, ok := w.graph.reach[from]
	if !ok {
		set = map[string]bool{}
		seen := map[string]bool{from: true}
		queue := []string{from}
		for len(queue) > 0 && set != nil {
			path := queue[0]
			queue = queue[1:]
			for _, mod := range w.imports(path) {
				if mod.Path == "" {
					continue
				}
				set[w.key(mod)] = true
				if !seen[mod.Path] {
					seen[mod.Path] = true
					queue = append(queue, mod.Path)
					if len(seen) > maxReach {
						set = nil
						break
					}
				}
			}
		}
		w.graph.reach[from] = set
	}
	return set == nil || set[target]
}
