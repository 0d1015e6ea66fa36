package refactor

import (
	"errors"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// world is one state of the workspace: as it is, or as it will be after the moves.
type world struct {
	ix    *analysis.Index
	roots []string
	// mapped is set for the world as it is: identities are spelled as the paths
	// will be after the moves, so that the two worlds compare.
	mapped func(string) string
	// module returns the parsed module of a workspace file of this world (through
	// the index's cache: a file keeps its text when it moves), or false for files
	// outside the workspace, which no move changes.
	module func(path string) (*analysis.Module, bool)
	// graph is the import graph learnt so far, for import-cycle checks.
	graph *importGraph
}

// resolve resolves the module part of an import written in importer (dots, names),
// as CPython does: the modules of each name, or ok false when it fails.
func (w world) resolve(importer string, dots int, names []string) ([]pathing.Module, *pathing.Module, bool) {
	if w.graph == nil {
		return w.resolveNow(importer, dots, names)
	}
	// A plan asks the same resolutions many times (the same import in many files,
	// each statement resolved before, after and when verified): answers are kept for
	// the plan, and those of the world as it is between plans.
	key := resolveKey(w.ix.Flavour, importer, dots, names)
	if r, ok := w.graph.resolved[key]; ok {
		return r.segs, r.base, r.ok
	}
	r, ok := w.graph.kept.resolution(key)
	if !ok {
		r.segs, r.base, r.ok = w.resolveNow(importer, dots, names)
		w.graph.kept.putResolution(key, r)
	}
	w.graph.resolved[key] = r
	return r.segs, r.base, r.ok
}

// resolveNow is resolve without the kept answers.
func (w world) resolveNow(importer string, dots int, names []string) ([]pathing.Module, *pathing.Module, bool) {
	r := w.ix.Resolver
	if dots == 0 {
		segs, err := r.ResolveAbsolute(names, w.roots)
		return segs, nil, err == nil && len(segs) == len(names)
	}
	base, segs, err := r.ResolveRelative(importer, dots, names, w.roots)
	var ie *pathing.ImportError
	if errors.As(err, &ie) && ie.Kind == pathing.ErrBeyondTopLevel {
		// A workspace folder that is itself a regular package is imported from its
		// parent (as the analysis does).
		var alt []string
		for _, root := range w.roots {
			if !w.hasInit(root) {
				alt = append(alt, root)
			}
		}
		if len(alt) == len(w.roots) {
			return nil, nil, false
		}
		base, segs, err = r.ResolveRelative(importer, dots, names, alt)
	}
	if err != nil || len(segs) != len(names) {
		return nil, nil, false
	}
	return segs, &base, true
}

func (w world) hasInit(dir string) bool {
	for _, n := range []string{"__init__.py", "__init__.pyi"} {
		if st, err := w.ix.FS.Stat(w.ix.Flavour.Join(dir, n)); err == nil && !st.IsDir() {
			return true
		}
	}
	return false
}

// source is the module a from-import takes its names from.
func (w world) source(importer string, imp *analysis.Import) (pathing.Module, bool) {
	names := make([]string, len(imp.Module))
	for i, s := range imp.Module {
		names[i] = s.Name
	}
	segs, base, ok := w.resolve(importer, imp.Dots, names)
	if !ok {
		return pathing.Module{}, false
	}
	if len(segs) == 0 {
		if base == nil {
			return pathing.Module{}, false
		}
		return *base, true
	}
	return segs[len(segs)-1], true
}

// key is the identity of a module: its file, or its folders for a namespace package.
func (w world) key(m pathing.Module) string {
	mp := func(p string) string {
		if w.mapped != nil {
			return w.mapped(p)
		}
		return w.ix.Flavour.Normpath(p)
	}
	switch {
	case m.Path != "":
		return "file " + mp(m.Path)
	case m.Kind == pathing.KindNamespace:
		ds := make([]string, len(m.Dirs))
		for i, d := range m.Dirs {
			ds[i] = mp(d)
		}
		return "namespace " + strings.Join(ds, "|")
	case m.Stub != "":
		return "stub " + mp(m.Stub)
	}
	return "unknown " + m.Name
}

// fromName is what `from src import name` binds: the attribute name of src when src
// binds it at its top level (CPython looks there first), else the submodule.
// sub is set for a submodule.
func (w world) fromName(src pathing.Module, name string) (key string, sub *pathing.Module) {
	attr := "attr " + w.key(src) + " " + name
	if src.Path != "" || src.Stub != "" {
		p := src.Path
		if p == "" {
			p = src.Stub
		}
		if mod, ok := w.module(p); ok && bindsOtherThanSubmodule(mod, src, name) {
			return attr, nil
		}
	}
	if src.IsPackage() {
		if segs, err := w.ix.Resolver.ResolveAbsolute([]string{name}, src.Dirs); err == nil && len(segs) == 1 {
			s := segs[0]
			s.Name = src.Name + "." + name
			return w.key(s), &s
		}
	}
	return attr, nil
}

// bindsOtherThanSubmodule reports whether module mod (of src) binds name at its top
// level otherwise than by importing its own submodule of that name (`from . import
// name` in a package's __init__ binds what `from pkg import name` would import anyway).
func bindsOtherThanSubmodule(mod *analysis.Module, src pathing.Module, name string) bool {
	for _, b := range mod.TopLevel(name) {
		if b.Kind == analysis.BindImport && b.Import != nil && b.Import.From && b.ImportName != nil && b.ImportName.Alias == nil && src.IsPackage() {
			imp := b.Import
			if imp.Dots == 1 && len(imp.Module) == 0 {
				continue
			}
			if imp.Dots == 0 && dotted(imp.Module) == src.Name {
				continue
			}
		}
		return true
	}
	return false
}

func dotted(segs []analysis.Segment) string {
	names := make([]string, len(segs))
	for i, s := range segs {
		names[i] = s.Name
	}
	return strings.Join(names, ".")
}

// bound is one name an import statement binds and what it binds it to. Plain
// `import a.b.c` (no alias, dotted) is recorded as binding the module a.b.c under the
// name "import": its uses `a.b.c.x` are rewritten with it.
type bound struct {
	name, key string
}

// info is what one import statement binds, name by name.
type info struct {
	binds []bound
	// src is the from-import's source module; subs the submodule of each name (nil
	// for attributes); mods the module of each `import` name.
	src  pathing.Module
	subs []*pathing.Module
	mods []pathing.Module
	ok   bool
}

// statement resolves import statement imp of the file at path.
func (w world) statement(path string, imp *analysis.Import) info {
	var in info
	if !imp.From {
		for _, n := range imp.Names {
			names := make([]string, len(n.Path))
			for i, s := range n.Path {
				names[i] = s.Name
			}
			segs, _, ok := w.resolve(path, 0, names)
			if !ok || len(segs) == 0 {
				return info{}
			}
			last := segs[len(segs)-1]
			b := bound{name: "import", key: w.key(last)}
			if n.Alias != nil {
				b.name = n.Alias.Name
			} else if len(n.Path) == 1 {
				b.name = n.Path[0].Name // `import a` binds a as `from . import a` does
			}
			in.binds = append(in.binds, b)
			in.mods = append(in.mods, last)
		}
		in.ok = true
		return in
	}
	src, ok := w.source(path, imp)
	if !ok {
		return info{}
	}
	in.src = src
	if imp.Star {
		in.binds = append(in.binds, bound{name: "*", key: w.key(src)})
	}
	for _, n := range imp.Names {
		k, sub := w.fromName(src, n.Path[0].Name)
		in.binds = append(in.binds, bound{name: n.Bound().Name, key: k})
		in.subs = append(in.subs, sub)
	}
	in.ok = true
	return in
}

// sameBinds reports whether two lists of bindings are equal as multisets.
func sameBinds(a, b []bound) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[bound]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		if count[x] == 0 {
			return false
		}
		count[x]--
	}
	return true
}
