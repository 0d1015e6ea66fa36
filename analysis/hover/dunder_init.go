package hover

// Dunder on `Foo(...)`: the signature Python calls it with (from the
// source of __init__ or __new__, or the fields of a dataclass or NamedTuple),
// which method that is and where it comes from, and the docstrings.

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/dunder"
	"github.com/pyward/pyward/analysis/syntax"
)

// dhSignatureWidth is the width above which a signature gets one parameter a line.
const dhSignatureWidth = 80

// dhParam is one parameter of a call signature, or a "/" or "*" marker (name "").
type dhParam struct {
	text string // as shown: "x: int = 0", "*args", "/"
	name string
	// kind is the parameter's kind as inspect.Parameter names it:
	// POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD.
	kind       string
	hasDefault bool
}

// dhCallSig is what calling a class runs and with which parameters.
type dhCallSig struct {
	hook   string    // "__init__" or "__new__"
	params []dhParam // without self/cls
	known  bool      // false when pyward cannot tell the parameters
	note   string    // Markdown: which method runs and where it comes from
	docs   []dhDoc
}

// classCall renders the hover for a call of the class cl.
func (h *dunderHoverer) classCall(cl dhClass, span analysis.Span) Hover {
	sig := h.callSignature(cl)
	code := dhSignature(cl.c.Name, sig.params, sig.known)
	e, _ := dunder.Lookup(sig.hook)
	var md, plain strings.Builder
	md.WriteString("```python\n" + code + "\n```\n\n")
	md.WriteString(sig.note + "\n\n")
	md.WriteString("[Python documentation: `" + sig.hook + "`](" + e.DocURL + ")\n")
	plain.WriteString(code + "\n\n")
	plain.WriteString(strings.ReplaceAll(sig.note, "`", "") + "\n\n")
	plain.WriteString("Python documentation: " + sig.hook + ": " + e.DocURL + "\n")
	m, p := dhAppendDocs(md.String(), plain.String(), sig.docs)
	return Hover{Markdown: m, Plain: p, Span: span}
}

// callSignature works out what `C(...)` runs for the class cl: its own or an
// inherited __init__, else __new__, or the __init__ (__new__) that @dataclass
// (typing.NamedTuple) generates from the fields.
func (h *dunderHoverer) callSignature(cl dhClass) dhCallSig {
	c := cl.c
	name := "`" + c.Name + "(…)`"
	sig := dhCallSig{hook: "__init__", known: true}
	if c.Docstring != "" {
		sig.docs = append(sig.docs, dhDoc{owner: c.Name, text: c.Docstring})
	}
	addDoc := func(r dhMethodSearch, hook string) {
		if r.fn != nil && r.fn.Docstring != "" {
			sig.docs = append(sig.docs, dhDoc{owner: r.owner.c.Name + "." + hook, text: r.fn.Docstring})
		}
	}
	from := func(r dhMethodSearch, hook string) string {
		s := "`" + r.owner.c.Name + "." + hook + "`"
		if r.owner.c != c {
			s += " (inherited from `" + r.owner.c.Name + "`)"
		}
		return s
	}

	init := h.method(cl, "__init__", 0)
	ownInit := init.found && init.owner.c == c
	switch {
	case !ownInit && h.isDataclass(cl):
		sig.params = h.dataclassParams(cl)
		sig.note = name + " runs the `__init__` that `@dataclass` generates from the fields (those of dataclass bases first): each parameter sets the attribute of the same name."
	case !ownInit && dhIsNamedTuple(c):
		sig.hook = "__new__"
		sig.params = h.namedTupleFields(cl)
		sig.note = name + " runs the `__new__` that `typing.NamedTuple` generates from the fields: it builds the tuple, in field order."
	case init.found && init.fn != nil:
		sig.params = dhParams(init.owner.f.Module, init.fn.Node)
		sig.note = name + " creates the instance with `__new__`, then initialises it with " + from(init, "__init__") + ", passing the same arguments."
		addDoc(init, "__init__")
	default:
		newm := h.method(cl, "__new__", 0)
		switch {
		case newm.found && newm.fn != nil:
			sig.hook = "__new__"
			sig.params = dhParams(newm.owner.f.Module, newm.fn.Node)
			sig.note = name + " creates the instance with " + from(newm, "__new__") + ", which receives the arguments."
			if !init.found && len(init.unknown) == 0 {
				sig.note += " No `__init__` is defined, so `object.__init__` does nothing more."
			}
			addDoc(newm, "__new__")
		case init.found:
			sig.known = false
			sig.note = name + " runs `" + init.owner.c.Name + ".__init__`, which is assigned, not defined with `def`: pyward cannot show its parameters."
		case len(init.unknown) == 0 && len(newm.unknown) == 0:
			sig.note = "`" + c.Name + "` defines neither `__init__` nor `__new__`, nor does any of its bases: it inherits `object`'s, so " + name + " takes no arguments."
		default:
			sig.known = false
			sig.note = "`" + c.Name + "` inherits `__init__` from a base class pyward cannot see: `" + strings.Join(dhUnique(init.unknown), "`, `") + "`."
		}
	}
	return sig
}

// dhUnique returns the strings of s without repeats, in order.
func dhUnique(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// dhSignature spells the call of class name with params, on one line when it
// fits, else one parameter a line.
func dhSignature(name string, params []dhParam, known bool) string {
	if !known {
		return "class " + name + "(...)"
	}
	texts := make([]string, len(params))
	for i, p := range params {
		texts[i] = p.text
	}
	one := "class " + name + "(" + strings.Join(texts, ", ") + ")"
	if len(one) <= dhSignatureWidth && !strings.Contains(one, "\n") {
		return one
	}
	var b strings.Builder
	b.WriteString("class " + name + "(\n")
	for _, p := range texts {
		b.WriteString("    " + p + ",\n")
	}
	b.WriteString(")")
	return b.String()
}

// dhParams returns the parameters of the def node as written, without the
// first one (self or cls), each on one line.
func dhParams(m *analysis.Module, def syntax.NodeID) []dhParam {
	t := m.Tree
	ps := t.ChildByField(def, "parameters")
	if ps == syntax.NoNode {
		return nil
	}
	kids := t.NamedChildren(ps)
	if len(kids) > 0 {
		switch t.Type(kids[0]) {
		case "identifier", "typed_parameter", "default_parameter", "typed_default_parameter":
			kids = kids[1:]
		}
	}
	if len(kids) > 0 && t.Type(kids[0]) == "positional_separator" {
		kids = kids[1:] // only self was positional-only
	}
	out := make([]dhParam, 0, len(kids))
	for _, k := range kids {
		p := dhParam{text: dhCompact(t.Text(k))}
		switch t.Type(k) {
		case "identifier":
			p.name = t.Text(k)
		case "typed_parameter":
			// its first named child is the name, or a splat pattern holding it
			if c := t.NamedChildren(k); len(c) > 0 {
				switch t.Type(c[0]) {
				case "list_splat_pattern":
					p.name, p.kind = dhSplatName(t, c[0]), "VAR_POSITIONAL"
				case "dictionary_splat_pattern":
					p.name, p.kind = dhSplatName(t, c[0]), "VAR_KEYWORD"
				default:
					p.name = t.Text(c[0])
				}
			}
		case "default_parameter", "typed_default_parameter":
			p.name, p.hasDefault = dhText(t, t.ChildByField(k, "name")), true
		case "list_splat_pattern":
			p.name, p.kind = dhSplatName(t, k), "VAR_POSITIONAL"
		case "dictionary_splat_pattern":
			p.name, p.kind = dhSplatName(t, k), "VAR_KEYWORD"
		case "positional_separator", "keyword_separator":
			// a marker: name stays empty
		default:
			continue // a comment or an error
		}
		out = append(out, p)
	}
	return dhKinds(out)
}

// dhSplatName is the name in *args or **kwargs.
func dhSplatName(t *syntax.Tree, n syntax.NodeID) string {
	for _, c := range t.NamedChildren(n) {
		if t.Type(c) == "identifier" {
			return t.Text(c)
		}
	}
	return ""
}

// dhKinds fills in the kind of each parameter from the "/" and "*" markers
// and the splats around it.
func dhKinds(ps []dhParam) []dhParam {
	slash := -1
	for i, p := range ps {
		if p.name == "" && p.text == "/" {
			slash = i
		}
	}
	kwOnly := false
	for i := range ps {
		p := &ps[i]
		switch {
		case p.name == "" && p.text == "*":
			kwOnly = true
		case p.kind == "VAR_POSITIONAL":
			kwOnly = true
		case p.kind == "VAR_KEYWORD" || p.name == "":
		case i < slash:
			p.kind = "POSITIONAL_ONLY"
		case kwOnly:
			p.kind = "KEYWORD_ONLY"
		default:
			p.kind = "POSITIONAL_OR_KEYWORD"
		}
	}
	return ps
}

// dhCompact puts source text that spans lines on one line.
func dhCompact(s string) string {
	if !strings.ContainsAny(s, "\n\r") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isDataclass reports whether cl is decorated with @dataclass (or
// @dataclasses.dataclass, with or without arguments) that generates __init__.
func (h *dunderHoverer) isDataclass(cl dhClass) bool {
	t := cl.f.Module.Tree
	for _, d := range cl.c.Decorators {
		if d.Node == syntax.NoNode {
			continue
		}
		dotted, call := d.Dotted, syntax.NoNode
		if t.Type(d.Node) == "call" {
			call = d.Node
			dotted = analysis.DottedName(t, t.ChildByField(call, "function"))
		}
		if dotted != "dataclass" && dotted != "dataclasses.dataclass" {
			continue
		}
		if call != syntax.NoNode {
			for _, a := range t.NamedChildren(t.ChildByField(call, "arguments")) {
				if t.Type(a) == "keyword_argument" && dhText(t, t.ChildByField(a, "name")) == "init" && dhText(t, t.ChildByField(a, "value")) == "False" {
					return false
				}
			}
		}
		return true
	}
	return false
}

// dhIsNamedTuple reports whether c subclasses typing.NamedTuple.
func dhIsNamedTuple(c *analysis.Class) bool {
	for _, b := range c.Bases {
		if b.Dotted == "NamedTuple" || b.Dotted == "typing.NamedTuple" {
			return true
		}
	}
	return false
}

// dhAnnotated is one annotated name of a class body: `name: T` or `name: T = v`.
type dhAnnotated struct {
	name, typ string
	value     syntax.NodeID // NoNode without a value
}

// dhAnnotations lists the annotated names of class c's body, in order.
func dhAnnotations(t *syntax.Tree, c *analysis.Class) []dhAnnotated {
	body := t.ChildByField(c.Node, "body")
	if body == syntax.NoNode {
		return nil
	}
	var out []dhAnnotated
	for s := t.FirstChild(body); s != syntax.NoNode; s = t.NextSibling(s) {
		if t.Type(s) != "expression_statement" {
			continue
		}
		kids := t.NamedChildren(s)
		if len(kids) != 1 || t.Type(kids[0]) != "assignment" {
			continue
		}
		a := kids[0]
		left, typ := t.ChildByField(a, "left"), t.ChildByField(a, "type")
		if left == syntax.NoNode || typ == syntax.NoNode || t.Type(left) != "identifier" {
			continue
		}
		out = append(out, dhAnnotated{name: t.Text(left), typ: dhCompact(t.Text(typ)), value: t.ChildByField(a, "right")})
	}
	return out
}

// namedTupleFields lists the parameters typing.NamedTuple generates for c:
// every annotated name, in order, with its default.
func (h *dunderHoverer) namedTupleFields(cl dhClass) []dhParam {
	t := cl.f.Module.Tree
	var out []dhParam
	for _, a := range dhAnnotations(t, cl.c) {
		p := dhParam{name: a.name, text: a.name + ": " + a.typ}
		if a.value != syntax.NoNode {
			p.text += " = " + dhCompact(t.Text(a.value))
			p.hasDefault = true
		}
		out = append(out, p)
	}
	return dhKinds(out)
}

// dhField is a dataclass field.
type dhField struct {
	p      dhParam
	init   bool // a parameter of __init__
	kwOnly bool
}

// dataclassParams lists the parameters @dataclass generates for __init__, as
// CPython does: the fields of dataclass bases first (a redefined field keeps
// its place), ClassVar annotations skipped, fields with init=False left out,
// and keyword-only fields (after KW_ONLY, with kw_only=True, or in a class
// decorated with kw_only=True) moved after a `*`.
func (h *dunderHoverer) dataclassParams(cl dhClass) []dhParam {
	var pos, kw []dhParam
	for _, f := range h.dataclassFields(cl, 0, map[*analysis.Class]bool{}) {
		switch {
		case !f.init:
		case f.kwOnly:
			kw = append(kw, f.p)
		default:
			pos = append(pos, f.p)
		}
	}
	if len(kw) > 0 {
		pos = append(append(pos, dhParam{text: "*"}), kw...)
	}
	return dhKinds(pos)
}

// dataclassFields lists the fields of the dataclass cl, its bases' first.
// Each class is visited once.
func (h *dunderHoverer) dataclassFields(cl dhClass, depth int, seen map[*analysis.Class]bool) []dhField {
	if seen[cl.c] {
		return nil
	}
	seen[cl.c] = true
	t := cl.f.Module.Tree
	var out []dhField
	index := map[string]int{}
	add := func(f dhField) {
		if i, ok := index[f.p.name]; ok {
			out[i] = f
			return
		}
		index[f.p.name] = len(out)
		out = append(out, f)
	}
	if depth < dhMaxDepth {
		for i := len(cl.c.Bases) - 1; i >= 0; i-- { // the MRO reversed: the last base's fields first
			if bc, ok := h.classOf(cl.f, cl.c.Bases[i].Node, depth+1); ok && h.isDataclass(bc) {
				for _, f := range h.dataclassFields(bc, depth+1, seen) {
					add(f)
				}
			}
		}
	}
	kwOnly := dhDecoratorFlag(t, cl.c, "kw_only")
	for _, a := range dhAnnotations(t, cl.c) {
		if strings.HasPrefix(a.typ, "ClassVar") || strings.HasPrefix(a.typ, "typing.ClassVar") {
			continue
		}
		if a.typ == "KW_ONLY" || a.typ == "dataclasses.KW_ONLY" {
			kwOnly = true
			continue
		}
		f := dhField{p: dhParam{name: a.name, text: a.name + ": " + a.typ}, init: true, kwOnly: kwOnly}
		if a.value != syntax.NoNode {
			def := dhCompact(t.Text(a.value))
			if args, ok := dhFieldCall(t, a.value); ok {
				def = ""
				for _, kv := range args {
					switch kv[0] {
					case "init":
						f.init = kv[1] != "False"
					case "kw_only":
						f.kwOnly = kv[1] == "True"
					case "default":
						def = kv[1]
					case "default_factory":
						def = kv[1] + "()"
					}
				}
			}
			if def != "" {
				f.p.text += " = " + def
				f.p.hasDefault = true
			}
		}
		add(f)
	}
	return out
}

// dhFieldCall returns the keyword arguments (name, value text) of v when it is
// a call of dataclasses.field.
func dhFieldCall(t *syntax.Tree, v syntax.NodeID) ([][2]string, bool) {
	if t.Type(v) != "call" {
		return nil, false
	}
	if fn := analysis.DottedName(t, t.ChildByField(v, "function")); fn != "field" && fn != "dataclasses.field" {
		return nil, false
	}
	var out [][2]string
	for _, a := range t.NamedChildren(t.ChildByField(v, "arguments")) {
		if t.Type(a) == "keyword_argument" {
			out = append(out, [2]string{dhText(t, t.ChildByField(a, "name")), dhCompact(dhText(t, t.ChildByField(a, "value")))})
		}
	}
	return out, true
}

// dhDecoratorFlag reports whether c's @dataclass(...) decorator passes flag=True.
func dhDecoratorFlag(t *syntax.Tree, c *analysis.Class, flag string) bool {
	for _, d := range c.Decorators {
		if d.Node == syntax.NoNode || t.Type(d.Node) != "call" {
			continue
		}
		if fn := analysis.DottedName(t, t.ChildByField(d.Node, "function")); fn != "dataclass" && fn != "dataclasses.dataclass" {
			continue
		}
		for _, a := range t.NamedChildren(t.ChildByField(d.Node, "arguments")) {
			if t.Type(a) == "keyword_argument" && dhText(t, t.ChildByField(a, "name")) == flag && dhText(t, t.ChildByField(a, "value")) == "True" {
				return true
			}
		}
	}
	return false
}

// dhText is the source text of n, or "" for NoNode.
func dhText(t *syntax.Tree, n syntax.NodeID) string {
	if n == syntax.NoNode {
		return ""
	}
	return t.Text(n)
}
