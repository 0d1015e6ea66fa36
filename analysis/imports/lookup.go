package imports

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// sourcePath picks the file of m to read: with stub, the .pyi stub when there is
// one; else the .py source when there is one. Extension modules have no source.
func sourcePath(m pathing.Module, stub bool) string {
	if stub && m.Stub != "" || !isSource(m.Path) {
		return m.Stub
	}
	return m.Path
}

// isSource reports whether path is a Python source file pyward can parse (not an
// extension module or sourceless bytecode).
func isSource(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".py")
}

// moduleTarget is the target "module m itself".
func (ix index) moduleTarget(m pathing.Module, stub bool) Target {
	return ix.moduleTargetOf(m, stub, !ix.lazy)
}

// moduleTargetOf is moduleTarget; full says whether to parse the module into
// Target.File (a caller that only asks whether a name resolves does not need it).
func (ix index) moduleTargetOf(m pathing.Module, stub, full bool) Target {
	t := Target{Module: m, Path: sourcePath(m, stub)}
	if full && t.Path != "" {
		if mod, err := ix.Module(t.Path); err == nil {
			t.File = mod
		}
	}
	return t
}

// fromImport resolves `from src import name` the way CPython does: a name bound in
// src (followed to its final definition), else the submodule src.name.
func (ix index) fromImport(src pathing.Module, name string, stub bool, seen map[string]bool) (Target, bool) {
	if t, ok := ix.lookupIn(src, name, stub, seen, 0); ok {
		return t, true
	}
	if sub, ok := ix.submodule(src, name); ok {
		return ix.moduleTarget(sub, stub), true
	}
	return Target{}, false
}

// LookupInLazy is LookupIn without parsing the target's module: Target.File and
// Binding are nil, Name names the binding (see Target).
func LookupInLazy(ix *analysis.Index, mod pathing.Module, name string) (Target, bool) {
	return index{Index: ix, lazy: true}.lookupIn(mod, name, false, map[string]bool{}, 0)
}

// LookupIn follows name bound at the top level of module mod (through imports and
// star imports) to its final definition, preferring .py sources. It does not look for
// submodules: see Resolve for `from P import sub`.
func LookupIn(ix *analysis.Index, mod pathing.Module, name string) (Target, bool) {
	return index{Index: ix}.lookupIn(mod, name, false, map[string]bool{}, 0)
}

// submodule finds the submodule name of package p.
func (ix index) submodule(p pathing.Module, name string) (pathing.Module, bool) {
	if p.Kind != pathing.KindPackage && p.Kind != pathing.KindNamespace || len(p.Dirs) == 0 {
		return pathing.Module{}, false
	}
	segs, err := ix.Resolver.ResolveAbsolute([]string{name}, p.Dirs)
	if err != nil || len(segs) != 1 {
		return pathing.Module{}, false
	}
	sub := segs[0]
	if p.Name != "" {
		sub.Name = p.Name + "." + name
	}
	return sub, true
}

// FirstBinding returns the first module-level binding of name in m in source order
// (del statements do not bind), or nil.
func FirstBinding(m *analysis.Module, name string) *analysis.Binding {
	var first *analysis.Binding
	for _, b := range m.Scope.Bindings.Lookup(name) {
		if b.Kind == analysis.BindDel || b.Kind == analysis.BindStarImport {
			continue
		}
		if first == nil || b.Span.Start < first.Span.Start {
			first = b
		}
	}
	return first
}

// lookupIn follows name bound at the top level of mod to its final definition.
func (ix index) lookupIn(mod pathing.Module, name string, stub bool, seen map[string]bool, depth int) (Target, bool) {
	return ix.find(mod, name, stub, seen, depth, !ix.lazy)
}

// find is lookupIn. It walks re-exports and star imports through the modules'
// summaries; with full, the module where the name finally lives is parsed for the
// target's File and Binding, else they are left nil (the caller only asks whether the
// name resolves).
func (ix index) find(mod pathing.Module, name string, stub bool, seen map[string]bool, depth int, full bool) (Target, bool) {
	path := sourcePath(mod, stub)
	if path == "" || depth > maxFollow {
		return Target{}, false
	}
	key := path + "\x00" + name
	if seen[key] {
		return Target{}, false
	}
	seen[key] = true
	if !ix.MayBind(path, name) {
		return Target{}, false
	}
	s, err := ix.Summary(path)
	if err != nil {
		return Target{}, false
	}
	if sb := s.FirstBinding(name); sb != nil {
		if sb.Kind == analysis.BindImport && sb.Import >= 0 && sb.ImportName >= 0 {
			if t, ok := ix.followImport(path, &s.Imports[sb.Import], sb.ImportName, stub, seen, depth+1, full); ok {
				return t, true
			}
		}
		here := Target{Module: mod, Path: path, Name: name}
		if full {
			m, err := ix.Module(path)
			if err != nil {
				return Target{}, false
			}
			here.File, here.Binding = m, FirstBinding(m, name)
			if here.Binding == nil { // the file changed between the summary and the parse
				return Target{}, false
			}
		}
		return here, true
	}
	// star imports, in source order
	for i := range s.Imports {
		imp := &s.Imports[i]
		if !imp.Star || imp.Nested {
			continue
		}
		_, segs, ie := ix.resolveModule(path, false, imp.Dots, imp.Module)
		var src pathing.Module
		switch {
		case ie != nil:
			continue
		case len(imp.Module) == 0 && imp.Dots > 0:
			base, _, _ := ix.resolveModule(path, false, imp.Dots, nil)
			if base == nil {
				continue
			}
			src = *base
		case len(segs) == len(imp.Module) && len(segs) > 0:
			src = segs[len(segs)-1]
		default:
			continue
		}
		if !ix.MayExport(sourcePath(src, stub), name) {
			continue
		}
		exported, inAll := ix.starExports(src, name, stub)
		if !exported {
			continue
		}
		if t, ok := ix.find(src, name, stub, seen, depth+1, full); ok {
			return t, true
		}
		if inAll {
			if sub, ok := ix.submodule(src, name); ok {
				return ix.moduleTargetOf(sub, stub, full), true
			}
		}
	}
	return Target{}, false
}

// starExports reports whether `from src import *` may bind name: it is in src's
// static __all__ (inAll), or src has no __all__ and name is public.
func (ix index) starExports(src pathing.Module, name string, stub bool) (exported, inAll bool) {
	path := sourcePath(src, stub)
	if path == "" {
		return false, false
	}
	s, err := ix.Summary(path)
	if err != nil {
		return false, false
	}
	if s.HasAll && !s.DynamicAll {
		for _, n := range s.All {
			if n == name {
				return true, true
			}
		}
		return false, false
	}
	return !strings.HasPrefix(name, "_"), false
}

// followImport follows the import of the module at path that binds name number in
// of statement imp.
func (ix index) followImport(path string, imp *analysis.SummaryImport, in int, stub bool, seen map[string]bool, depth int, full bool) (Target, bool) {
	n := imp.Names[in]
	if !imp.From {
		names := n.Path
		if n.Alias == "" {
			names = names[:1] // `import a.b.c` binds a
		}
		_, segs, ie := ix.resolveModule(path, false, 0, names)
		if ie != nil || len(segs) != len(names) {
			return Target{}, false
		}
		return ix.moduleTargetOf(segs[len(segs)-1], stub, full), true
	}
	if imp.Future {
		return Target{}, false
	}
	base, segs, ie := ix.resolveModule(path, false, imp.Dots, imp.Module)
	if ie != nil {
		return Target{}, false
	}
	var src pathing.Module
	switch {
	case len(imp.Module) == 0 && base != nil:
		src = *base
	case len(imp.Module) > 0 && len(segs) == len(imp.Module):
		src = segs[len(segs)-1]
	default:
		return Target{}, false
	}
	name := n.Path[0]
	if t, ok := ix.find(src, name, stub, seen, depth, full); ok {
		return t, true
	}
	if sub, ok := ix.submodule(src, name); ok {
		return ix.moduleTargetOf(sub, stub, full), true
	}
	return Target{}, false
}

// dynamicMarkers are spellings in a module's source that may bind names pyward
// cannot see; a module containing one does not have surely known names.
// A module that installs an import hook (meta_path, path_hooks) serves names it does
// not bind. Each is one of analysis.TextMarkers, which a summary records.
var dynamicMarkers = []string{"sys.modules", "__dict__", "setattr(", "vars(", "locals()", "exec(", "__path__", "extend_path", "global_enum",
	"meta_path", "path_hooks"}

// namesSurelyKnown reports whether every name module m binds at run time is visible
// to pyward: Python source (not an extension, bytecode or a stub only), no module __getattr__,
// no globals() writes or other dynamic binding, and star imports it can see through.
func (ix index) namesSurelyKnown(m pathing.Module, seen map[string]bool) bool {
	if m.Kind == pathing.KindExtension || !isSource(m.Path) {
		return false
	}
	if seen[m.Path] {
		return true
	}
	seen[m.Path] = true
	if len(seen) > maxFollow {
		return false
	}
	s, err := ix.Summary(m.Path)
	if err != nil {
		return false
	}
	if s.HasGetattr || s.WritesGlobals || s.DynamicAll || s.NestedStar {
		return false
	}
	for _, marker := range dynamicMarkers {
		if has, known := s.Spells(marker); has || !known {
			return false
		}
	}
	for i := range s.Imports {
		imp := &s.Imports[i]
		if !imp.Star || imp.Nested {
			continue
		}
		base, segs, ie := ix.resolveModule(m.Path, false, imp.Dots, imp.Module)
		if ie != nil {
			return false
		}
		var sm pathing.Module
		switch {
		case len(imp.Module) == 0 && base != nil:
			sm = *base
		case len(imp.Module) > 0 && len(segs) == len(imp.Module):
			sm = segs[len(segs)-1]
		default:
			return false
		}
		if !ix.namesSurelyKnown(sm, seen) {
			return false
		}
	}
	return true
}
