package imports

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// ModuleOf returns the parsed module an import statement takes names from (`from M
// import ...`: M; `import a.b`: a.b, of its first name) and its path, preferring the
// .py source. It returns nil when the module does not resolve or has no source.
func ModuleOf(ix *analysis.Index, f *analysis.File, imp *analysis.Import) (*analysis.Module, string) {
	m, ok := takenFrom(imp, Resolve(ix, f, imp))
	if !ok {
		return nil, ""
	}
	t := index{Index: ix}.moduleTarget(m, false)
	return t.File, t.Path
}

// takenFrom is the module an import statement takes names from, as res resolved it:
// `from M import ...`: M; `import a.b`: the module of its first name.
func takenFrom(imp *analysis.Import, res *Resolution) (pathing.Module, bool) {
	switch {
	case imp.From && res.Source != nil:
		return *res.Source, true
	case !imp.From && len(res.Names) > 0 && res.Names[0].Found:
		return res.Names[0].Target.Module, true
	}
	return pathing.Module{}, false
}

// SummaryOf is ModuleOf answered from the module's summary: the summary of the
// module an import statement takes names from and its path, without parsing that
// module or the targets of the imported names. It returns nil when the module does
// not resolve, has no source, or cannot be read.
func SummaryOf(ix *analysis.Index, f *analysis.File, imp *analysis.Import) (*analysis.Summary, string) {
	m, ok := takenFrom(imp, index{Index: ix, lazy: true}.resolveImport(f, imp, resolveOpts{names: !imp.From}))
	if !ok {
		return nil, ""
	}
	path := sourcePath(m, false)
	if path == "" {
		return nil, ""
	}
	s, err := ix.Summary(path)
	if err != nil {
		return nil, path
	}
	return s, path
}

// ResolveName follows a name as read in scope of file f to its final defining
// module and bindings: when the name is bound by an import (or brought in by a star
// import), the module that defines it and its binding there; when it is bound in f,
// f's module and those bindings. It returns nil, nil when the name is unknown
// (builtins, unresolvable imports). When the name denotes a module, the bindings
// are nil and the module is that module.
func ResolveName(ix *analysis.Index, f *analysis.File, name string, scope *analysis.Scope) (*analysis.Module, []*analysis.Binding) {
	t, ok := ResolveNameTarget(ix, f, name, scope)
	if !ok {
		if sc, bs := f.Module.Lookup(scope, name); sc != nil {
			return f.Module, bs
		}
		return nil, nil
	}
	if t.Binding == nil {
		return t.File, nil
	}
	return t.File, []*analysis.Binding{t.Binding}
}

// ResolveNameTarget follows a name read in scope of f through imports to its final
// definition in another module. ok is false when the name is not bound by an import
// or a star import, or does not resolve.
func ResolveNameTarget(ix *analysis.Index, f *analysis.File, name string, scope *analysis.Scope) (Target, bool) {
	return index{Index: ix}.resolveNameAt(f, name, scope, ^uint32(0), false)
}

// ResolveNameTargetLazy is ResolveNameTarget without parsing the target's module:
// Target.File and Binding are nil, Name names the binding (see Target).
func ResolveNameTargetLazy(ix *analysis.Index, f *analysis.File, name string, scope *analysis.Scope) (Target, bool) {
	return index{Index: ix, lazy: true}.resolveNameAt(f, name, scope, ^uint32(0), false)
}

// resolveNameAt is ResolveNameTarget for a read at offset.
func (ix index) resolveNameAt(f *analysis.File, name string, scope *analysis.Scope, offset uint32, stub bool) (Target, bool) {
	if ix.Index == nil {
		return Target{}, false
	}
	m := f.Module
	if scope == nil {
		scope = m.Scope
	}
	sc, bs := m.Lookup(scope, name)
	if sc != nil {
		b := bindingBefore(bs, offset)
		if b == nil || b.Kind != analysis.BindImport || b.Import == nil || b.ImportName == nil {
			return Target{}, false
		}
		return ix.importBindingTarget(f, b, stub)
	}
	// brought in by a star import of f?
	for _, imp := range m.Imports {
		if !imp.Star || imp.Scope != m.Scope {
			continue
		}
		res := ix.resolveImport(f, imp, resolveOpts{stub: stub})
		if res.Source == nil {
			continue
		}
		if exported, inAll := ix.starExports(*res.Source, name, stub); exported {
			if t, ok := ix.lookupIn(*res.Source, name, stub, map[string]bool{}, 0); ok {
				return t, true
			}
			if inAll {
				if sub, ok := ix.submodule(*res.Source, name); ok {
					return ix.moduleTarget(sub, stub), true
				}
			}
		}
	}
	return Target{}, false
}

// bindingBefore picks, of the bindings of one name in one scope, the last one that
// starts before offset, else the first.
func bindingBefore(bs []*analysis.Binding, offset uint32) *analysis.Binding {
	var best, first *analysis.Binding
	for _, b := range bs {
		if b.Kind == analysis.BindDel || b.Kind == analysis.BindStarImport {
			continue
		}
		if first == nil || b.Span.Start < first.Span.Start {
			first = b
		}
		if b.Span.Start <= offset && (best == nil || b.Span.Start > best.Span.Start) {
			best = b
		}
	}
	if best != nil {
		return best
	}
	return first
}

// importBindingTarget is the target of an import binding b of file f.
func (ix index) importBindingTarget(f *analysis.File, b *analysis.Binding, stub bool) (Target, bool) {
	res := ix.resolveImport(f, b.Import, resolveOpts{stub: stub, names: true, only: b.ImportName})
	for _, nr := range res.Names {
		if nr.Name != b.ImportName {
			continue
		}
		if !b.Import.From && b.ImportName.Alias == nil {
			// `import a.b.c` binds a
			if len(nr.Segments) == 0 {
				return Target{}, false
			}
			return ix.moduleTarget(nr.Segments[0].Module, stub), true
		}
		return nr.Target, nr.Found
	}
	return Target{}, false
}

// ResolveAttr resolves obj.attr in file f where the expression obj denotes a module
// (a name bound by an import, or a chain of them: `pkg.sub`): the binding attr in that
// module followed to its final definition, else the submodule. ok is false when obj
// is not a module pyward can resolve or attr is unknown there.
func ResolveAttr(ix *analysis.Index, f *analysis.File, obj syntax.NodeID, attr string) (Target, bool) {
	return index{Index: ix}.resolveAttr(f, obj, attr, false)
}

func (ix index) resolveAttr(f *analysis.File, obj syntax.NodeID, attr string, stub bool) (Target, bool) {
	mt, ok := ix.exprModule(f, obj, stub, 0)
	if !ok {
		return Target{}, false
	}
	return ix.fromImport(mt.Module, attr, stub, map[string]bool{})
}

// ResolveAttrLazy is ResolveAttr without parsing the modules on the way or the
// target's: Target.File and Binding are nil, Name names the binding (see Target and
// Materialize).
func ResolveAttrLazy(ix *analysis.Index, f *analysis.File, obj syntax.NodeID, attr string) (Target, bool) {
	return index{Index: ix, lazy: true}.resolveAttr(f, obj, attr, false)
}

// Materialize parses the module of a target resolved lazily: File for a module, File
// and Binding (the first module-level binding of Name) for a name, as the eager
// resolution sets them. ok is false when the module of a name cannot be parsed or no
// longer binds it.
func Materialize(ix *analysis.Index, t Target) (Target, bool) {
	if t.IsModule() {
		if t.File == nil && t.Path != "" {
			if m, err := ix.Module(t.Path); err == nil {
				t.File = m
			}
		}
		return t, true
	}
	if t.Binding != nil {
		return t, true
	}
	m, err := ix.Module(t.Path)
	if err != nil {
		return Target{}, false
	}
	b := FirstBinding(m, t.Name)
	if b == nil {
		return Target{}, false
	}
	t.File, t.Binding = m, b
	return t, true
}

// exprModule resolves an expression to the module it denotes, when it does.
func (ix index) exprModule(f *analysis.File, n syntax.NodeID, stub bool, depth int) (Target, bool) {
	if ix.Index == nil || n == syntax.NoNode || depth > 16 {
		return Target{}, false
	}
	t := f.Module.Tree
	switch t.Type(n) {
	case "identifier":
		tg, ok := ix.resolveNameAt(f, t.Text(n), f.Module.ScopeOf(n), t.Nodes[n].Start, stub)
		if !ok || !tg.IsModule() {
			return Target{}, false
		}
		return tg, true
	case "attribute":
		attr := t.ChildByField(n, "attribute")
		if attr == syntax.NoNode {
			return Target{}, false
		}
		tg, ok := ix.resolveAttr(f, t.ChildByField(n, "object"), t.Text(attr), stub)
		if !ok || !tg.IsModule() {
			return Target{}, false
		}
		return tg, true
	case "parenthesized_expression":
		if kids := t.NamedChildren(n); len(kids) == 1 {
			return ix.exprModule(f, kids[0], stub, depth+1)
		}
	}
	return Target{}, false
}

// AbsoluteName is the full dotted name of the module `from <dots><module> import` takes
// names from, as CPython names it ("app.privacy.models" for `from .models import x` in
// app/privacy/views.py), never the relative spelling. It is "" when the importer's own
// name cannot be known (a file under no import root).
func AbsoluteName(ix *analysis.Index, f *analysis.File, imp *analysis.Import) string {
	mod := make([]string, len(imp.Module))
	for i, s := range imp.Module {
		mod[i] = s.Name
	}
	if imp.Dots == 0 {
		return strings.Join(mod, ".")
	}
	if ix == nil || f.Path == "" {
		return ""
	}
	// the module the names come from; its names' targets are not needed
	if res := (index{Index: ix, lazy: true}).resolveImport(f, imp, resolveOpts{}); imp.From && res.Source != nil && res.Source.Name != "" {
		return res.Source.Name
	}
	self, ok := ix.Resolver.ModuleName(f.Path, ix.Roots())
	if !ok {
		return ""
	}
	parts := strings.Split(self, ".")
	if base := ix.Flavour.Basename(f.Path); !strings.HasPrefix(base, "__init__.") {
		parts = parts[:len(parts)-1] // a module's package is its parent
	}
	if imp.Dots-1 > len(parts) {
		return ""
	}
	parts = append(parts[:len(parts)-(imp.Dots-1)], mod...)
	return strings.Join(parts, ".")
}
