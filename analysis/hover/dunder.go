package hover

// Hover about Python's data model: what a special method or attribute is for,
// which hooks an operator or a builtin calls, and what calling a class runs.
// The texts come from the catalogue in analysis/dunder; this file finds the
// site under the cursor and what the user's own code adds to it (docstrings,
// the signature of __init__).

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/dunder"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/syntax"
)

// Dunder answers a hover at offset in f about the Python data model:
//
//   - on a special name: at `def __x__` (module-level `__getattr__` and `__dir__`
//     get the module hook), at `obj.__x__`, `super().__x__`, `Class.__x__`, and at
//     special attributes (`__name__`, `__all__ = …`, `__slots__ = …`,
//     `obj.__dict__`): the catalogue entry, then the user's own docstring of the
//     method when it has one; a dunder that is not in the data model gets a note
//     saying so;
//   - on an operator token (`+`, `==`, `in`, `not in`, `not`, `is`, `+=`, unary `-`,
//     `[`…`]` of a subscript, `with`, `for`, `await`, ...): the hooks Python tries,
//     in order (for a subscript, also which hook this one calls: a target calls
//     `__setitem__`, `del` calls `__delitem__`, a class calls `__class_getitem__`);
//   - on the callee of a call of a known class, `Foo(...)` (or `cls(...)` in a class
//     method): the signature of the `__init__` (or `__new__`) that runs, or the one
//     `@dataclass` or `typing.NamedTuple` generates, with the docstrings;
//   - on a builtin that calls hooks (`len`, `str`, `repr`, `iter`, `next`, `hash`,
//     `bool`, `abs`, `format`, ..., and `math.floor`, `copy.copy` and the like when
//     imported), when the file does not rebind the name: the hooks it calls.
//
// ix may be nil: then only the file itself is consulted. It reports false when
// there is nothing to say at offset (plain names, strings, comments).
func Dunder(ix *analysis.Index, f *analysis.File, offset uint32) (Hover, bool) {
	if f == nil || f.Module == nil || f.Module.Tree == nil || len(f.Module.Tree.Nodes) == 0 {
		return Hover{}, false
	}
	h := &dunderHoverer{ix: ix, f: f, m: f.Module, t: f.Module.Tree}
	if hv, ok := h.at(offset); ok {
		return hv, true
	}
	// A cursor just past the end of a word (a common hover position in editors
	// that hover at the caret) still names that word.
	if offset > 0 {
		if n := dhLeafAt(h.t, offset-1); n != syntax.NoNode && h.t.Nodes[n].End == offset && h.t.Type(n) == "identifier" {
			return h.at(offset - 1)
		}
	}
	return Hover{}, false
}

// dunderHoverer holds what one hover request reads.
type dunderHoverer struct {
	ix *analysis.Index
	f  *analysis.File
	m  *analysis.Module
	t  *syntax.Tree
}

// dhLeafAt returns the deepest node, named or anonymous, whose span contains
// offset (start <= offset < end), or NoNode.
func dhLeafAt(t *syntax.Tree, offset uint32) syntax.NodeID {
	best := syntax.NoNode
	n := t.Root()
	for n != syntax.NoNode {
		nd := &t.Nodes[n]
		if nd.Start <= offset && offset < nd.End {
			best = n
			n = t.FirstChild(n)
			continue
		}
		n = nd.NextSibling
	}
	return best
}

// at answers for the token that contains offset.
func (h *dunderHoverer) at(offset uint32) (Hover, bool) {
	n := dhLeafAt(h.t, offset)
	if n == syntax.NoNode {
		return Hover{}, false
	}
	if h.t.Type(n) == "identifier" {
		return h.identifier(n)
	}
	if !h.t.IsNamed(n) {
		if name := h.t.Type(n); dunder.IsDunder(name) {
			// a keyword token of dunder shape: __future__ in a future import
			e, ok := dunder.Lookup(name)
			return dhEntryHover(name, e, ok, nil, h.span(n)), true
		}
		return h.operator(n)
	}
	return Hover{}, false
}

// identifier answers on a name: a special name, a class being called, a builtin.
func (h *dunderHoverer) identifier(n syntax.NodeID) (Hover, bool) {
	t := h.t
	name := t.Text(n)
	p := t.Parent(n)
	pt := ""
	if p != syntax.NoNode {
		pt = t.Type(p)
	}
	switch {
	case pt == "keyword_argument" && t.Field(n) == "name":
		return Hover{}, false
	case pt == "function_definition" && t.Field(n) == "name":
		if !dunder.IsDunder(name) {
			return Hover{}, false
		}
		return h.defSite(p, n), true
	case pt == "attribute" && t.Field(n) == "attribute":
		if dunder.IsDunder(name) {
			return h.attributeSite(p, n), true
		}
		if dhCallOf(t, p) != syntax.NoNode {
			return h.callee(p, n)
		}
		return Hover{}, false
	case dunder.IsDunder(name):
		return h.nameSite(n), true
	}
	if dhCallOf(t, n) != syntax.NoNode {
		return h.callee(n, n)
	}
	if pt == "argument_list" || pt == "keyword_argument" && t.Field(n) == "value" {
		// A builtin passed as a function: sorted(xs, key=len), map(str, xs).
		return h.builtin(n, n)
	}
	return Hover{}, false
}

// dhCallOf returns the call whose callee is fn, or NoNode.
func dhCallOf(t *syntax.Tree, fn syntax.NodeID) syntax.NodeID {
	p := t.Parent(fn)
	if p != syntax.NoNode && t.Type(p) == "call" && t.Field(fn) == "function" {
		return p
	}
	return syntax.NoNode
}

// span is the byte span of n.
func (h *dunderHoverer) span(n syntax.NodeID) analysis.Span {
	nd := &h.t.Nodes[n]
	return analysis.Span{Start: nd.Start, End: nd.End}
}

// defSite answers at the name of `def __x__`.
func (h *dunderHoverer) defSite(def, name syntax.NodeID) Hover {
	n := h.t.Text(name)
	scope := h.m.ScopeOf(def)
	var e dunder.Entry
	ok := false
	if scope.Kind == analysis.ModuleScope {
		e, ok = dunder.ModuleLevel(n)
	}
	if !ok {
		e, ok = dunder.Lookup(n)
	}
	var doc dhDoc
	if fn := h.m.FunctionAt(def); fn != nil && fn.Docstring != "" {
		owner := n
		if fn.Class != nil {
			owner = fn.Class.Name + "." + n
		}
		doc = dhDoc{owner: owner, text: fn.Docstring}
	}
	return dhEntryHover(n, e, ok, []dhDoc{doc}, h.span(name))
}

// nameSite answers at a bare special name: `__name__`, `__all__ = ...`,
// `__slots__ = ...`, `__file__`, and a module's own `__getattr__`.
func (h *dunderHoverer) nameSite(n syntax.NodeID) Hover {
	name := h.t.Text(n)
	var e dunder.Entry
	ok := false
	if _, modOK := dunder.ModuleLevel(name); modOK {
		scope := h.m.ScopeOf(n)
		sc, _ := h.m.Lookup(scope, name)
		if sc == h.m.Scope || sc == nil && scope.Kind == analysis.ModuleScope {
			e, ok = dunder.ModuleLevel(name)
		}
	}
	if !ok {
		e, ok = dunder.Lookup(name)
	}
	return dhEntryHover(name, e, ok, nil, h.span(n))
}

// attributeSite answers at the name of `obj.__x__`, with the docstring of the
// user's method when pyward can tell which class obj is.
func (h *dunderHoverer) attributeSite(attr, name syntax.NodeID) Hover {
	n := h.t.Text(name)
	e, ok := dunder.Lookup(n)
	if me, isHook := dunder.ModuleLevel(n); isHook && h.isModule(h.t.ChildByField(attr, "object")) {
		e, ok = me, true // mod.__getattr__, mod.__dir__: the module's hooks
	}
	var docs []dhDoc
	if r := h.receiverMethod(h.t.ChildByField(attr, "object"), n); r.found && r.fn != nil && r.fn.Docstring != "" {
		docs = append(docs, dhDoc{owner: r.owner.c.Name + "." + n, text: r.fn.Docstring})
	}
	return dhEntryHover(n, e, ok, docs, h.span(name))
}

// isModule reports whether the expression n names a module: a name bound by
// `import m` (or `import m as n`), or, with an index, any name or attribute
// chain that resolves to a module.
func (h *dunderHoverer) isModule(n syntax.NodeID) bool {
	if n == syntax.NoNode {
		return false
	}
	t := h.t
	if t.Type(n) == "identifier" {
		scope := h.m.ScopeOf(n)
		if _, bs := h.m.Lookup(scope, t.Text(n)); len(bs) > 0 {
			b := dhBindingBefore(bs, t.Nodes[n].Start)
			if b == nil || b.Kind != analysis.BindImport || b.Import == nil {
				return false
			}
			if !b.Import.From {
				return true
			}
		}
		if h.ix == nil {
			return false
		}
		tg, ok := imports.ResolveNameTarget(h.ix, h.f, t.Text(n), scope)
		return ok && tg.IsModule()
	}
	if t.Type(n) == "attribute" && h.ix != nil {
		attr := t.ChildByField(n, "attribute")
		if attr == syntax.NoNode {
			return false
		}
		tg, ok := imports.ResolveAttr(h.ix, h.f, t.ChildByField(n, "object"), t.Text(attr))
		return ok && tg.IsModule()
	}
	return false
}

// dhDoc is a docstring of the user's code and whose it is ("Point.__eq__").
type dhDoc struct {
	owner string
	text  string
}

// dhEntryHover renders a catalogue entry (or the note for a name that is not
// in the catalogue), then the user's docstrings under a rule.
func dhEntryHover(name string, e dunder.Entry, ok bool, docs []dhDoc, span analysis.Span) Hover {
	var md, plain string
	if ok {
		md, plain = e.Markdown(), e.PlainText()
	} else {
		md, plain = dunder.Unknown(name)
	}
	md, plain = dhAppendDocs(md, plain, docs)
	return Hover{Markdown: md, Plain: plain, Span: span}
}

// dhRulePlain separates the catalogue text from the user's docstring in plain text.
const dhRulePlain = "────────────────────"

// dhAppendDocs adds each non-empty docstring under a horizontal rule.
func dhAppendDocs(md, plain string, docs []dhDoc) (string, string) {
	var mb, pb strings.Builder
	mb.WriteString(md)
	pb.WriteString(plain)
	for _, d := range docs {
		// Python reads source with universal newlines: a docstring has no "\r\n".
		text := dhCleanDoc(strings.ReplaceAll(d.text, "\r\n", "\n"))
		if text == "" {
			continue
		}
		// The blank line before "---" keeps it a rule, not a setext heading.
		mb.WriteString("\n---\n\n")
		pb.WriteString("\n" + dhRulePlain + "\n")
		if d.owner != "" {
			mb.WriteString("**`" + d.owner + "`**\n\n")
			pb.WriteString(d.owner + ":\n")
		}
		mb.WriteString(dhDocMarkdown(text))
		mb.WriteString("\n")
		pb.WriteString(text)
		pb.WriteString("\n")
	}
	return mb.String(), pb.String()
}

// operator answers on an anonymous token: an operator or a keyword whose
// statement calls hooks.
func (h *dunderHoverer) operator(n syntax.NodeID) (Hover, bool) {
	t := h.t
	p := t.Parent(n)
	if p == syntax.NoNode {
		return Hover{}, false
	}
	// "not in" and "is not" are composite tokens made of two keywords.
	if pt := t.Type(p); pt == "not in" || pt == "is not" {
		n, p = p, t.Parent(p)
		if p == syntax.NoNode {
			return Hover{}, false
		}
	}
	tok := t.Type(n)
	op, unary := "", false
	switch t.Type(p) {
	case "binary_operator", "augmented_assignment", "boolean_operator":
		if t.Field(n) == "operator" {
			op = tok
		}
	case "comparison_operator":
		if t.Field(n) == "operators" {
			op = tok
		}
	case "not_operator":
		if tok == "not" {
			op, unary = "not", true
		}
	case "unary_operator":
		if t.Field(n) == "operator" {
			op, unary = tok, true
		}
	case "subscript":
		if tok == "[" || tok == "]" {
			op = "[]"
		}
	case "await":
		if tok == "await" {
			op, unary = "await", true
		}
	case "with_statement":
		if tok == "with" || tok == "async" {
			op = dhAsync(t, p, "with")
		}
	case "for_statement", "for_in_clause":
		if tok == "for" || tok == "in" || tok == "async" {
			op = dhAsync(t, p, "for")
		}
	}
	if op == "" {
		return Hover{}, false
	}
	info, ok := dunder.Operator(op, unary)
	if !ok {
		return Hover{}, false
	}
	md, plain := info.Markdown(), info.PlainText()
	if op == "[]" {
		if here := h.subscriptContext(p); here != "" {
			md += "\n**Here:** " + here + "\n"
			plain += "\nHere: " + strings.ReplaceAll(here, "`", "") + "\n"
		}
	}
	return Hover{Markdown: md, Plain: plain, Span: h.span(n)}, true
}

// subscriptContext says which hook the subscript sub calls where it stands,
// when that is not plain reading (`__getitem__`): an assignment target, a
// del target, an augmented assignment's target, or a class subscripted.
func (h *dunderHoverer) subscriptContext(sub syntax.NodeID) string {
	t := h.t
	// climb through the tuples and lists of a target: a, x[i] = ...
	n := sub
	p := t.Parent(n)
	for p != syntax.NoNode {
		switch t.Type(p) {
		case "pattern_list", "tuple_pattern", "list_pattern", "expression_list", "tuple", "list", "parenthesized_expression":
			n, p = p, t.Parent(p)
			continue
		}
		break
	}
	if p != syntax.NoNode {
		switch t.Type(p) {
		case "assignment":
			if t.Field(n) == "left" {
				return "an assignment target: `type(x).__setitem__(x, key, value)` stores the value."
			}
		case "augmented_assignment":
			if t.Field(n) == "left" {
				return "an augmented assignment target: `__getitem__` reads the item, the operator's hooks combine it with the value, and `__setitem__` stores the result."
			}
		case "delete_statement":
			return "a `del` target: `type(x).__delitem__(x, key)` removes the item."
		case "for_statement", "for_in_clause":
			if t.Field(n) == "left" {
				return "a loop target: `type(x).__setitem__(x, key, item)` stores each item."
			}
		}
	}
	if v := t.ChildByField(sub, "value"); v != syntax.NoNode {
		if cl, ok := h.classOf(h.f, v, 0); ok {
			return "`" + cl.c.Name + "` is a class: `" + cl.c.Name + ".__class_getitem__(key)` (as in `list[int]`), unless its metaclass defines item access."
		}
	}
	return ""
}

// dhAsync is kw, or "async kw" when statement p has an async keyword.
func dhAsync(t *syntax.Tree, p syntax.NodeID, kw string) string {
	if t.HasChildOfType(p, "async") {
		return "async " + kw
	}
	return kw
}
