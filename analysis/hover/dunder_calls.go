package hover

// Dunder on calls: what `Foo(...)` runs (__init__ or __new__, their
// signature and docstrings), which hooks a builtin calls, and which class a
// receiver (`self`, `super()`, `Class`) stands for, to find the user's own
// method behind `obj.__x__`.

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/dunder"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/syntax"
)

// dhClass is a class definition and the file that holds it.
type dhClass struct {
	f *analysis.File
	c *analysis.Class
}

// dhMaxDepth bounds the walk through base classes and import chains.
const dhMaxDepth = 24

// callee answers on the callee of a call: a class being instantiated, or a
// builtin that calls hooks. fn is the callee expression, name the hovered
// identifier in it.
func (h *dunderHoverer) callee(fn, name syntax.NodeID) (Hover, bool) {
	if cl, ok := h.classOf(h.f, fn, 0); ok {
		return h.classCall(cl, h.span(name)), true
	}
	if c := h.clsClass(fn); c != nil {
		return h.classCall(dhClass{f: h.f, c: c}, h.span(name)), true
	}
	return h.builtin(fn, name)
}

// clsClass returns the enclosing class when fn is the `cls` parameter of a
// class method (decorated with @classmethod, or __new__, __init_subclass__,
// __class_getitem__): cls(...) creates an instance of that class (or of a
// subclass, whose signature pyward takes to be the same).
func (h *dunderHoverer) clsClass(fn syntax.NodeID) *analysis.Class {
	if h.t.Type(fn) != "identifier" {
		return nil
	}
	c := h.selfClass(fn)
	if c == nil {
		return nil
	}
	_, bs := h.m.Lookup(h.m.ScopeOf(fn), h.t.Text(fn))
	if len(bs) == 0 || bs[0].Scope == nil || bs[0].Scope.Function == nil {
		return nil
	}
	m := bs[0].Scope.Function
	switch m.Name {
	case "__new__", "__init_subclass__", "__class_getitem__":
		return c
	}
	for _, d := range m.Decorators {
		if d.Dotted == "classmethod" {
			return c
		}
	}
	return nil
}

// builtin answers on a builtin function (or a standard library function that
// exists to call a hook) that the file does not rebind.
func (h *dunderHoverer) builtin(fn, name syntax.NodeID) (Hover, bool) {
	q := h.builtinName(fn)
	if q == "" {
		return Hover{}, false
	}
	info, ok := dunder.Builtin(q)
	if !ok {
		return Hover{}, false
	}
	return Hover{Markdown: info.Markdown(), Plain: info.PlainText(), Span: h.span(name)}, true
}

// builtinName is the qualified name of the function expression fn when it
// denotes a builtin ("len") or an imported standard library function
// ("math.floor" for `math.floor`, `from math import floor`, `import math as m`).
func (h *dunderHoverer) builtinName(fn syntax.NodeID) string {
	t := h.t
	switch t.Type(fn) {
	case "identifier":
		name := t.Text(fn)
		scope := h.m.ScopeOf(fn)
		sc, bs := h.m.Lookup(scope, name)
		if sc == nil {
			if _, ok := dunder.Builtin(name); !ok || h.starBound(name) {
				return ""
			}
			return name
		}
		b := dhBindingBefore(bs, t.Nodes[fn].Start)
		if b == nil || b.Kind != analysis.BindImport || b.Import == nil || b.ImportName == nil || !b.Import.From || b.Import.Dots != 0 || len(b.ImportName.Path) != 1 {
			return ""
		}
		return dhJoin(b.Import.Module) + "." + b.ImportName.Path[0].Name
	case "attribute":
		obj := t.ChildByField(fn, "object")
		attr := t.ChildByField(fn, "attribute")
		if obj == syntax.NoNode || attr == syntax.NoNode || t.Type(obj) != "identifier" {
			return ""
		}
		_, bs := h.m.Lookup(h.m.ScopeOf(obj), t.Text(obj))
		b := dhBindingBefore(bs, t.Nodes[obj].Start)
		if b == nil || b.Kind != analysis.BindImport || b.Import == nil || b.ImportName == nil || b.Import.From {
			return ""
		}
		mod := b.ImportName.Path[0].Name // import a.b binds a
		if b.ImportName.Alias != nil {
			mod = dhJoin(b.ImportName.Path)
		}
		return mod + "." + t.Text(attr)
	}
	return ""
}

// starBound reports whether a star import of the file brings in name (only
// known with an index).
func (h *dunderHoverer) starBound(name string) bool {
	if h.ix == nil {
		return false
	}
	for _, imp := range h.m.Imports {
		if imp.Star {
			_, ok := imports.ResolveNameTarget(h.ix, h.f, name, h.m.Scope)
			return ok
		}
	}
	return false
}

// dhJoin spells a dotted module path.
func dhJoin(segs []analysis.Segment) string {
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = s.Name
	}
	return strings.Join(parts, ".")
}

// dhBindingBefore picks of the bindings of one name the last one that starts
// before offset, else the first; deletions do not count.
func dhBindingBefore(bs []*analysis.Binding, offset uint32) *analysis.Binding {
	var best, first *analysis.Binding
	for _, b := range bs {
		if b.Kind == analysis.BindDel || b.Kind == analysis.BindStarImport || b.Kind == analysis.BindAnnotation {
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

// dhClassAt returns the class of module m defined by the class_definition def.
func dhClassAt(m *analysis.Module, def syntax.NodeID) *analysis.Class {
	for _, c := range m.Classes {
		if c.Node == def {
			return c
		}
	}
	return nil
}

// classOf resolves the expression e of file f to the class it names: a class
// of the file, or (with an index) one imported from another module.
func (h *dunderHoverer) classOf(f *analysis.File, e syntax.NodeID, depth int) (dhClass, bool) {
	if e == syntax.NoNode || depth > dhMaxDepth {
		return dhClass{}, false
	}
	m := f.Module
	t := m.Tree
	switch t.Type(e) {
	case "identifier":
		name := t.Text(e)
		scope := m.ScopeOf(e)
		sc, bs := m.Lookup(scope, name)
		if sc == nil {
			return h.targetClass(f, name, scope)
		}
		b := dhBindingBefore(bs, t.Nodes[e].Start)
		if b == nil {
			return dhClass{}, false
		}
		switch b.Kind {
		case analysis.BindClass:
			if c := dhClassAt(m, b.Def); c != nil {
				return dhClass{f: f, c: c}, true
			}
		case analysis.BindImport:
			return h.targetClass(f, name, scope)
		}
	case "attribute":
		if h.ix == nil {
			return dhClass{}, false
		}
		attr := t.ChildByField(e, "attribute")
		if attr == syntax.NoNode {
			return dhClass{}, false
		}
		if tg, ok := imports.ResolveAttr(h.ix, f, t.ChildByField(e, "object"), t.Text(attr)); ok {
			return dhTargetClass(tg)
		}
	case "parenthesized_expression":
		if kids := t.NamedChildren(e); len(kids) == 1 {
			return h.classOf(f, kids[0], depth+1)
		}
	}
	return dhClass{}, false
}

// targetClass follows an imported name to the class it finally names.
func (h *dunderHoverer) targetClass(f *analysis.File, name string, scope *analysis.Scope) (dhClass, bool) {
	if h.ix == nil {
		return dhClass{}, false
	}
	tg, ok := imports.ResolveNameTarget(h.ix, f, name, scope)
	if !ok {
		return dhClass{}, false
	}
	return dhTargetClass(tg)
}

// dhTargetClass is the class a resolved target names, when it names one.
func dhTargetClass(tg imports.Target) (dhClass, bool) {
	if tg.Binding == nil || tg.Binding.Kind != analysis.BindClass || tg.File == nil {
		return dhClass{}, false
	}
	c := dhClassAt(tg.File, tg.Binding.Def)
	if c == nil {
		return dhClass{}, false
	}
	return dhClass{f: &analysis.File{Path: tg.Path, Module: tg.File}, c: c}, true
}

// dhMethodSearch is the result of looking a method up through a class's bases.
type dhMethodSearch struct {
	fn    *analysis.Function // the def; nil when the name is bound otherwise (an assignment)
	owner dhClass            // the class that binds the name
	found bool
	// unknown lists the bases pyward could not see into, when not found.
	unknown []string
}

// dhKnownBases are bases that define neither __init__ nor __new__ of their
// own (they inherit object's), so a search may pass them by.
var dhKnownBases = map[string]bool{
	"object": true, "Generic": true, "typing.Generic": true, "Protocol": true, "typing.Protocol": true,
	"ABC": true, "abc.ABC": true,
}

// method looks name up in class cl, then in its bases depth first, left to
// right (an approximation of the MRO that is exact for single inheritance).
func (h *dunderHoverer) method(cl dhClass, name string, depth int) dhMethodSearch {
	return h.methodIn(cl, name, depth, map[*analysis.Class]bool{})
}

// methodIn is method, visiting each class once (inheritance cycles and
// diamonds in broken or unusual code stay linear).
func (h *dunderHoverer) methodIn(cl dhClass, name string, depth int, seen map[*analysis.Class]bool) dhMethodSearch {
	if depth > dhMaxDepth || cl.c == nil || cl.c.Scope == nil {
		return dhMethodSearch{unknown: []string{"..."}}
	}
	if seen[cl.c] {
		return dhMethodSearch{}
	}
	seen[cl.c] = true
	if bs := cl.c.Scope.Bindings.Lookup(name); len(bs) > 0 {
		var last *analysis.Binding
		for _, b := range bs {
			if b.Kind == analysis.BindDel || b.Kind == analysis.BindAnnotation {
				continue
			}
			if last == nil || b.Span.Start > last.Span.Start {
				last = b
			}
		}
		if last != nil {
			r := dhMethodSearch{owner: cl, found: true}
			if last.Kind == analysis.BindDef {
				r.fn = cl.f.Module.FunctionAt(last.Def)
			}
			return r
		}
	}
	var unknown []string
	for _, base := range cl.c.Bases {
		if base.Node == syntax.NoNode || dhKnownBases[base.Dotted] {
			continue
		}
		bc, ok := h.classOf(cl.f, base.Node, depth+1)
		if !ok {
			unknown = append(unknown, cl.f.Module.Text(base.Node))
			continue
		}
		r := h.methodIn(bc, name, depth+1, seen)
		if r.found {
			return r
		}
		unknown = append(unknown, r.unknown...)
	}
	return dhMethodSearch{unknown: unknown}
}

// receiverMethod finds the user's method name for the receiver expression obj
// of `obj.name`: `self`/`cls` in a method (the enclosing class), `super()`
// (the bases of the enclosing class), a class named directly, or an instance
// created on the spot (`C(...)`).
func (h *dunderHoverer) receiverMethod(obj syntax.NodeID, name string) dhMethodSearch {
	t := h.t
	if obj == syntax.NoNode {
		return dhMethodSearch{}
	}
	switch t.Type(obj) {
	case "call":
		fn := t.ChildByField(obj, "function")
		if fn == syntax.NoNode {
			return dhMethodSearch{}
		}
		if t.Type(fn) != "identifier" || t.Text(fn) != "super" {
			// C(...).__x__: an instance of a known class
			if cl, ok := h.classOf(h.f, fn, 0); ok {
				return h.method(cl, name, 0)
			}
			return dhMethodSearch{}
		}
		if sc, _ := h.m.Lookup(h.m.ScopeOf(fn), "super"); sc != nil {
			return dhMethodSearch{} // super is rebound
		}
		start := dhClass{f: h.f, c: h.enclosingMethodClass(obj)}
		if args := t.NamedChildren(t.ChildByField(obj, "arguments")); len(args) == 2 {
			if c, ok := h.classOf(h.f, args[0], 0); ok {
				start = c
			}
		}
		if start.c == nil {
			return dhMethodSearch{}
		}
		for _, base := range start.c.Bases {
			if base.Node == syntax.NoNode || dhKnownBases[base.Dotted] {
				continue
			}
			if bc, ok := h.classOf(start.f, base.Node, 1); ok {
				if r := h.method(bc, name, 1); r.found {
					return r
				}
			}
		}
	case "identifier":
		if c := h.selfClass(obj); c != nil {
			return h.method(dhClass{f: h.f, c: c}, name, 0)
		}
		if cl, ok := h.classOf(h.f, obj, 0); ok {
			return h.method(cl, name, 0)
		}
	case "attribute":
		if cl, ok := h.classOf(h.f, obj, 0); ok {
			return h.method(cl, name, 0)
		}
	}
	return dhMethodSearch{}
}

// enclosingMethodClass is the class whose method lexically contains n.
func (h *dunderHoverer) enclosingMethodClass(n syntax.NodeID) *analysis.Class {
	for sc := h.m.ScopeOf(n); sc != nil; sc = sc.Parent {
		if sc.Kind == analysis.FunctionScope && sc.Function != nil && sc.Function.Class != nil {
			return sc.Function.Class
		}
	}
	return nil
}

// selfClass returns the class when the identifier n is the first parameter
// (self, cls) of a method that is not a staticmethod.
func (h *dunderHoverer) selfClass(n syntax.NodeID) *analysis.Class {
	name := h.t.Text(n)
	sc, _ := h.m.Lookup(h.m.ScopeOf(n), name)
	if sc == nil || sc.Kind != analysis.FunctionScope || sc.Function == nil || sc.Function.Class == nil {
		return nil
	}
	fn := sc.Function
	if len(fn.Params) == 0 || fn.Params[0] != name {
		return nil
	}
	for _, d := range fn.Decorators {
		if d.Dotted == "staticmethod" {
			return nil
		}
	}
	return fn.Class
}
