package analysis

import (
	"strings"

	"github.com/pyward/pyward/analysis/syntax"
)

func (b *builder) params(n syntax.NodeID, fs *Scope, outer *Scope, f *Function) {
	t := b.t
	for _, p := range t.NamedChildren(n) {
		var name syntax.NodeID = syntax.NoNode
		switch t.Type(p) {
		case "identifier":
			name = p
		case "typed_parameter", "list_splat_pattern", "dictionary_splat_pattern":
			for _, c := range t.NamedChildren(p) {
				if t.Type(c) == "identifier" && name == syntax.NoNode {
					name = c
				} else if t.Type(c) == "list_splat_pattern" || t.Type(c) == "dictionary_splat_pattern" {
					for _, cc := range t.NamedChildren(c) {
						if t.Type(cc) == "identifier" {
							name = cc
						}
					}
				} else if t.Field(c) == "type" || t.Type(c) == "type" {
					b.node(c, outer)
				}
			}
		case "default_parameter", "typed_default_parameter":
			name = t.ChildByField(p, "name")
			if v := t.ChildByField(p, "value"); v != syntax.NoNode {
				b.node(v, outer)
			}
			if ty := t.ChildByField(p, "type"); ty != syntax.NoNode {
				b.node(ty, outer)
			}
		case "tuple_pattern":
			b.target(p, fs, BindParam, n)
		}
		if name != syntax.NoNode && t.Type(name) == "identifier" {
			b.bind(fs, b.name(name), BindParam, name, p)
			if f != nil {
				f.Params = append(f.Params, b.name(name))
			}
		}
	}
}

func (b *builder) function(n syntax.NodeID, s *Scope, decs []Expr) {
	t := b.t
	nameNode := t.ChildByField(n, "name")
	name := ""
	if nameNode != syntax.NoNode {
		name = b.name(nameNode)
	}
	f := &Function{Name: name, Node: n, Async: t.HasChildOfType(n, "async"), Decorators: decs}
	if nameNode != syntax.NoNode {
		f.NameSpan = b.span(nameNode)
	}
	if s.Kind == ClassScope {
		f.Class = s.Class
	}
	if tp := t.ChildByField(n, "type_parameters"); tp != syntax.NoNode {
		b.node(tp, s)
	}
	if rt := t.ChildByField(n, "return_type"); rt != syntax.NoNode {
		b.node(rt, s)
	}
	fs := b.newScope(FunctionScope, name, n, s)
	fs.Function = f
	f.Scope = fs
	b.m.Functions = append(b.m.Functions, f)
	if p := t.ChildByField(n, "parameters"); p != syntax.NoNode {
		b.params(p, fs, s, f)
	}
	if nameNode != syntax.NoNode {
		b.bind(s, name, BindDef, nameNode, n)
		if s.Kind == ModuleScope && name == "__getattr__" {
			b.m.HasGetattr = true
		}
	}
	if body := t.ChildByField(n, "body"); body != syntax.NoNode {
		f.Docstring = b.docstring(body)
		b.block(body, fs) // a yield in the body sets f.Generator
	}
}

func (b *builder) lambda(n syntax.NodeID, s *Scope) {
	t := b.t
	f := &Function{Name: "<lambda>", Node: n}
	f.NameSpan = Span{Start: t.Nodes[n].Start, End: t.Nodes[n].Start + 6}
	ls := b.newScope(LambdaScope, "<lambda>", n, s)
	ls.Function = f
	f.Scope = ls
	b.m.Functions = append(b.m.Functions, f)
	if p := t.ChildByField(n, "parameters"); p != syntax.NoNode {
		b.params(p, ls, s, f)
	}
	if body := t.ChildByField(n, "body"); body != syntax.NoNode {
		b.node(body, ls) // a yield in the body sets f.Generator
	}
}

func (b *builder) comprehension(n syntax.NodeID, s *Scope) {
	t := b.t
	cs := b.newScope(ComprehensionScope, "<"+t.Type(n)+">", n, s)
	first := true
	for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
		if t.Type(c) == "for_in_clause" && first {
			first = false
			// The first iterable is evaluated in the enclosing scope.
			b.node(t.ChildByField(c, "right"), s)
			if left := t.ChildByField(c, "left"); left != syntax.NoNode {
				b.target(left, cs, BindFor, c)
			}
			continue
		}
		b.node(c, cs)
	}
}

func (b *builder) class(n syntax.NodeID, s *Scope, decs []Expr) {
	t := b.t
	nameNode := t.ChildByField(n, "name")
	name := ""
	if nameNode != syntax.NoNode {
		name = b.name(nameNode)
	}
	c := &Class{Name: name, Node: n, Decorators: decs, Members: map[string][]Span{}}
	if nameNode != syntax.NoNode {
		c.NameSpan = b.span(nameNode)
	}
	if tp := t.ChildByField(n, "type_parameters"); tp != syntax.NoNode {
		b.node(tp, s)
	}
	if sup := t.ChildByField(n, "superclasses"); sup != syntax.NoNode {
		b.node(sup, s)
		for _, a := range t.NamedChildren(sup) {
			if t.Type(a) == "keyword_argument" {
				if kn := t.ChildByField(a, "name"); kn != syntax.NoNode {
					if c.Keywords == nil {
						c.Keywords = map[string]Expr{}
					}
					c.Keywords[b.name(kn)] = b.expr(t.ChildByField(a, "value"))
				}
				continue
			}
			c.Bases = append(c.Bases, b.expr(a))
		}
	}
	cs := b.newScope(ClassScope, name, n, s)
	cs.Class = c
	c.Scope = cs
	b.m.Classes = append(b.m.Classes, c)
	if nameNode != syntax.NoNode {
		b.bind(s, name, BindClass, nameNode, n)
	}
	if body := t.ChildByField(n, "body"); body != syntax.NoNode {
		c.Docstring = b.docstring(body)
		b.block(body, cs)
	}
}

// expr describes an expression, with its dotted spelling when it is a.b.c.
func (b *builder) expr(n syntax.NodeID) Expr {
	if n == syntax.NoNode {
		return Expr{Node: syntax.NoNode}
	}
	return Expr{Node: n, Dotted: DottedName(b.t, n), Span: b.span(n)}
}

// DottedName returns "a.b.c" when n is an identifier or an attribute chain of identifiers, else "".
// It is linear in the length of the chain (rules call it on every link of long chains).
func DottedName(t *syntax.Tree, n syntax.NodeID) string {
	var attrs []string
	for n != syntax.NoNode && t.Type(n) == "attribute" {
		attr := t.ChildByField(n, "attribute")
		if attr == syntax.NoNode {
			return ""
		}
		attrs = append(attrs, t.Text(attr))
		n = t.ChildByField(n, "object")
	}
	if n == syntax.NoNode {
		return ""
	}
	var base string
	switch t.Type(n) {
	case "identifier", "dotted_name":
		base = t.Text(n)
	default:
		return ""
	}
	if len(attrs) == 0 {
		return base
	}
	var b strings.Builder
	b.WriteString(base)
	for i := len(attrs) - 1; i >= 0; i-- {
		b.WriteByte('.')
		b.WriteString(attrs[i])
	}
	return b.String()
}
