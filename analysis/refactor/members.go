package refactor

import (
	"context"
	"sort"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

// MemberReferences returns the references of the private class member named by the
// identifier at offset in f, and false when it names none:
//
//   - a mangled member (`__x` written in a class C, or spelled `_C__x`): every
//     identifier in the workspace the compiler spells `_C__x` — `__x` written in any
//     class named C (the compiler mangles by the class's name) and `_C__x` written
//     anywhere, attributes, class-body bindings and keyword names alike (semantic.MangledAt);
//   - a private member `_x` of the class C that encloses the offset (or `C._x`):
//     the accesses whose receiver is that class as the code names it — `self._x` and
//     `cls._x` in C or in a class that names C among its bases, `C._x` anywhere — and
//     the bindings of `_x` in those class bodies. Accesses through other receivers
//     (an instance in a variable) are not found: their class is not stated.
func MemberReferences(ctx context.Context, ix *analysis.Index, ws Workspace, f *analysis.File, offset uint32) ([]Reference, bool, error) {
	m := f.Module
	t := m.Tree
	if f.Path == "" {
		return nil, false, nil
	}
	n := t.NodeAt(offset)
	if n == syntax.NoNode || t.Type(n) != "identifier" {
		return nil, false, nil
	}
	name := t.Text(n)
	pl := &planner{ctx: ctx, ix: ix, p: paths{ix.Flavour}, roots: ix.Roots(), renamed: map[string]string{}, scanner: ws.Scanner}
	if pl.scanner == nil {
		pl.scanner = NewScanner()
	}
	for _, w := range ws.Folders {
		pl.workspace = append(pl.workspace, pl.p.clean(w))
	}
	var match func(m *analysis.Module, id syntax.NodeID) bool
	switch {
	case semantic.IsMangledName(name) || isDemangled(name):
		target := semantic.MangledAt(m, n)
		_, private, ok := semantic.Demangle(target)
		if !ok {
			return nil, false, nil // `__x` outside any class: not mangled, not a member
		}
		pl.words = []string{private, target}
		match = func(m *analysis.Module, id syntax.NodeID) bool {
			return semantic.MangledAt(m, id) == target
		}
	case strings.HasPrefix(name, "_") && !strings.HasPrefix(name, "__"):
		cls := classOf(m, n)
		if cls == "" {
			return nil, false, nil
		}
		pl.words = []string{name}
		match = func(m *analysis.Module, id syntax.NodeID) bool {
			return m.Tree.Text(id) == name && privateAccessOf(m, id, cls)
		}
	default:
		return nil, false, nil
	}
	files, err := pl.candidates()
	if err != nil {
		return nil, true, err
	}
	var out []Reference
	scan := func(path string, mod *analysis.Module) {
		t := mod.Tree
		for i := range t.Nodes {
			id := syntax.NodeID(i)
			if t.Nodes[i].Flags&syntax.FlagNamed == 0 || t.Type(id) != "identifier" {
				continue
			}
			if match(mod, id) {
				out = append(out, Reference{Path: path, Module: mod, Span: mod.Span(id)})
			}
		}
	}
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return nil, true, err
		}
		mod, err := ix.Module(path)
		if err != nil {
			continue
		}
		scan(path, mod)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Span.Start < out[j].Span.Start
	})
	return out, true, nil
}

// isDemangled reports whether name is spelled `_Class__x`.
func isDemangled(name string) bool {
	_, _, ok := semantic.Demangle(name)
	return ok
}

// classOf is the class a private name at id belongs to: the receiver's class when
// it is written `C._x` with C a class of the module, else the class whose body or
// methods enclose id ("" when none).
func classOf(m *analysis.Module, id syntax.NodeID) string {
	t := m.Tree
	if p := t.Parent(id); p != syntax.NoNode && t.Type(p) == "attribute" && t.ChildByField(p, "attribute") == id {
		obj := t.ChildByField(p, "object")
		if obj != syntax.NoNode && t.Type(obj) == "identifier" && m.Class(t.Text(obj)) != nil {
			return t.Text(obj)
		}
	}
	if c := m.ScopeOf(id).EnclosingClass(); c != nil {
		return c.Name
	}
	return ""
}

// privateAccessOf reports whether the identifier id (spelling a private name) is a
// member of class cls as written: `self.x` / `cls.x` in cls or in a class that names
// cls among its bases, `cls.x` with the class's own name, or a binding in such a
// class's body.
func privateAccessOf(m *analysis.Module, id syntax.NodeID, cls string) bool {
	t := m.Tree
	in := m.ScopeOf(id).EnclosingClass()
	inClass := in != nil && (in.Name == cls || namesBase(in, cls))
	p := t.Parent(id)
	if p != syntax.NoNode && t.Type(p) == "attribute" && t.ChildByField(p, "attribute") == id {
		obj := t.ChildByField(p, "object")
		if obj == syntax.NoNode || t.Type(obj) != "identifier" {
			return false
		}
		switch r := t.Text(obj); {
		case r == cls:
			return true
		case r == "self" || r == "cls":
			return inClass
		}
		return false
	}
	// A binding in the class body (x = ..., def x).
	s := m.ScopeOf(id)
	return inClass && s.Kind == analysis.ClassScope && len(s.Bindings.Lookup(t.Text(id))) > 0
}

// namesBase reports whether class c names cls among its bases (`cls` or `mod.cls`).
func namesBase(c *analysis.Class, cls string) bool {
	for _, b := range c.Bases {
		if b.Dotted == cls || strings.HasSuffix(b.Dotted, "."+cls) {
			return true
		}
	}
	return false
}
