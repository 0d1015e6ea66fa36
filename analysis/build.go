package analysis

import (
	"strconv"
	"strings"

	"github.com/pyward/pyward/analysis/syntax"
)

// Build builds the Module of a parsed source text in one walk of its tree.
func Build(tree *syntax.Tree) *Module {
	m := &Module{
		Tree:         tree,
		Lines:        NewLineIndex(tree.Src),
		scopeOf:      map[syntax.NodeID]*Scope{},
		Suppressions: map[int]Suppression{},
	}
	b := &builder{m: m, t: tree}
	m.Scope = b.newScope(ModuleScope, "", 0, nil)
	if len(tree.Nodes) > 0 {
		m.Docstring = b.docstring(0)
		b.block(0, m.Scope)
	}
	b.finishAll()
	return m
}

type builder struct {
	m *Module
	t *syntax.Tree

	// Slabs for the many small records, to allocate them in chunks.
	refs     []Ref
	attrs    []Attr
	bindings []Binding
	// allOps collects what happens to __all__ at module level, to compute it statically.
	allDynamic bool
}

// nodeKind classifies the node types the builder treats specially; every other type is
// walked generically. It is indexed by grammar symbol, so the builder's hot switch
// compares small integers instead of type-name strings.
type nodeKind uint8

const (
	kOther nodeKind = iota
	kComment
	kIdentifier
	kFunctionDef
	kClassDef
	kDecorated
	kLambda
	kComprehension
	kAssignment
	kAugAssignment
	kNamedExpr
	kFor
	kWithItem
	kExcept
	kImport
	kGlobalNonlocal
	kDelete
	kAttribute
	kKeywordArg
	kPattern
	kCall
	kExpressionStatement
	kYield
	kAwait
)

var kindBySymbol = func() []nodeKind {
	byName := map[string]nodeKind{
		"comment": kComment, "identifier": kIdentifier, "function_definition": kFunctionDef,
		"class_definition": kClassDef, "decorated_definition": kDecorated, "lambda": kLambda,
		"list_comprehension": kComprehension, "set_comprehension": kComprehension,
		"dictionary_comprehension": kComprehension, "generator_expression": kComprehension,
		"assignment": kAssignment, "augmented_assignment": kAugAssignment, "named_expression": kNamedExpr,
		"for_statement": kFor, "for_in_clause": kFor, "with_item": kWithItem, "except_clause": kExcept,
		"import_statement": kImport, "import_from_statement": kImport, "future_import_statement": kImport,
		"global_statement": kGlobalNonlocal, "nonlocal_statement": kGlobalNonlocal,
		"delete_statement": kDelete, "attribute": kAttribute, "keyword_argument": kKeywordArg,
		"case_pattern": kPattern, "splat_pattern": kPattern, "keyword_pattern": kPattern,
		"class_pattern": kPattern, "dict_pattern": kPattern, "call": kCall,
		"expression_statement": kExpressionStatement, "yield": kYield, "await": kAwait,
	}
	names := syntax.SymbolNames()
	kinds := make([]nodeKind, len(names))
	for i, n := range names {
		kinds[i] = byName[n]
	}
	return kinds
}()

func (b *builder) kind(n syntax.NodeID) nodeKind {
	if sym := int(b.t.Nodes[n].Symbol); sym < len(kindBySymbol) {
		return kindBySymbol[sym]
	}
	return kOther
}

// slabSize is the size of the next slab after one of size prev: slabs start small, so a
// small module does not pay for a large one, and double up to 512 records.
func slabSize(prev int) int {
	if prev == 0 {
		return 16
	}
	return min(prev*2, 512)
}

func (b *builder) newRef() *Ref {
	if len(b.refs) == cap(b.refs) {
		b.refs = make([]Ref, 0, slabSize(cap(b.refs)))
	}
	b.refs = b.refs[:len(b.refs)+1]
	return &b.refs[len(b.refs)-1]
}

func (b *builder) newAttr() *Attr {
	if len(b.attrs) == cap(b.attrs) {
		b.attrs = make([]Attr, 0, slabSize(cap(b.attrs)))
	}
	b.attrs = b.attrs[:len(b.attrs)+1]
	return &b.attrs[len(b.attrs)-1]
}

func (b *builder) newBinding() *Binding {
	if len(b.bindings) == cap(b.bindings) {
		b.bindings = make([]Binding, 0, slabSize(cap(b.bindings)))
	}
	b.bindings = b.bindings[:len(b.bindings)+1]
	return &b.bindings[len(b.bindings)-1]
}

func (b *builder) newScope(kind ScopeKind, name string, node syntax.NodeID, parent *Scope) *Scope {
	s := &Scope{Kind: kind, Name: name, Node: node, Parent: parent, Bindings: map[string][]*Binding{}}
	if parent != nil {
		parent.Children = append(parent.Children, s)
	}
	b.m.Scopes = append(b.m.Scopes, s)
	if kind != ModuleScope {
		b.m.scopeOf[node] = s
	} else {
		b.m.scopeOf[0] = s
	}
	return s
}

func (b *builder) span(n syntax.NodeID) Span {
	nd := b.t.Nodes[n]
	return Span{Start: nd.Start, End: nd.End}
}

func (b *builder) bind(s *Scope, name string, kind BindingKind, ident, def syntax.NodeID) *Binding {
	target := s
	if s.Globals[name] {
		target = b.m.Scope
	}
	bd := b.newBinding()
	*bd = Binding{Name: name, Kind: kind, Node: ident, Def: def, Scope: target}
	if ident != syntax.NoNode {
		bd.Span = b.span(ident)
	}
	target.Bindings[name] = append(target.Bindings[name], bd)
	if target.Kind == ClassScope && target.Class != nil && kind != BindAnnotation {
		target.Class.Members[name] = append(target.Class.Members[name], bd.Span)
	}
	return bd
}

// block walks the children of a node that holds statements (module, block).
func (b *builder) block(n syntax.NodeID, s *Scope) {
	for c := b.t.FirstChild(n); c != syntax.NoNode; c = b.t.NextSibling(c) {
		b.node(c, s)
	}
}

// children walks every child of n in scope s.
func (b *builder) children(n syntax.NodeID, s *Scope) {
	for c := b.t.FirstChild(n); c != syntax.NoNode; c = b.t.NextSibling(c) {
		b.node(c, s)
	}
}

func (b *builder) node(n syntax.NodeID, s *Scope) {
	t := b.t
	switch b.kind(n) {
	case kComment:
		b.comment(n)
	case kIdentifier:
		b.ref(n, s)
	case kFunctionDef:
		b.function(n, s, nil)
	case kClassDef:
		b.class(n, s, nil)
	case kDecorated:
		var decs []Expr
		for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
			if t.Type(c) == "decorator" {
				b.children(c, s)
				if e := t.NamedChildren(c); len(e) > 0 {
					decs = append(decs, b.expr(e[0]))
				}
			}
		}
		if def := t.ChildByField(n, "definition"); def != syntax.NoNode {
			switch t.Type(def) {
			case "function_definition":
				b.function(def, s, decs)
			case "class_definition":
				b.class(def, s, decs)
			}
		}
		for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
			if t.Type(c) == "comment" {
				b.comment(c)
			}
		}
	case kLambda:
		b.lambda(n, s)
	case kComprehension:
		b.comprehension(n, s)
	case kAssignment:
		b.assignment(n, s)
	case kAugAssignment:
		left := t.ChildByField(n, "left")
		b.node(t.ChildByField(n, "right"), s)
		if left != syntax.NoNode {
			if t.Type(left) == "identifier" {
				b.ref(left, s)
				b.bind(s, t.Text(left), BindAssign, left, n)
				if s.Kind == ModuleScope && t.Text(left) == "__all__" {
					b.allAugmented(n)
				}
			} else {
				b.target(left, s, BindAssign, n)
			}
		}
	case kNamedExpr:
		b.node(t.ChildByField(n, "value"), s)
		if name := t.ChildByField(n, "name"); name != syntax.NoNode {
			target := s
			for target.Kind == ComprehensionScope && target.Parent != nil {
				target = target.Parent
			}
			b.bind(target, t.Text(name), BindAssign, name, n)
		}
	case kFor:
		b.node(t.ChildByField(n, "right"), s)
		if left := t.ChildByField(n, "left"); left != syntax.NoNode {
			b.target(left, s, BindFor, n)
		}
		for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
			if f := t.Field(c); f != "left" && f != "right" {
				b.node(c, s)
			}
		}
	case kWithItem:
		v := t.ChildByField(n, "value")
		if v != syntax.NoNode && t.Type(v) == "as_pattern" {
			b.asPattern(v, s, BindWith, n)
		} else {
			b.children(n, s)
		}
	case kExcept:
		for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
			if t.Type(c) == "as_pattern" {
				b.asPattern(c, s, BindExcept, n)
			} else {
				b.node(c, s)
			}
		}
	case kImport:
		b.importStmt(n, s)
	case kGlobalNonlocal:
		for _, id := range t.NamedChildren(n) {
			if t.Type(id) != "identifier" {
				continue
			}
			name := t.Text(id)
			if t.Type(n) == "global_statement" {
				if s.Globals == nil {
					s.Globals = map[string]bool{}
				}
				s.Globals[name] = true
			} else {
				if s.Nonlocals == nil {
					s.Nonlocals = map[string]bool{}
				}
				s.Nonlocals[name] = true
			}
		}
	case kDelete:
		for _, c := range t.NamedChildren(n) {
			b.delTarget(c, s, n)
		}
	case kAttribute:
		b.attribute(n, s, false)
	case kKeywordArg:
		// the name is not a reference
		b.node(t.ChildByField(n, "value"), s)
	case kPattern:
		b.pattern(n, s)
	case kAwait:
		if t.IsNamed(n) { // the await expression, not its keyword token
			b.m.Awaits = append(b.m.Awaits, n)
		}
		b.children(n, s)
	case kCall:
		b.m.Calls = append(b.m.Calls, n)
		if f := t.ChildByField(n, "function"); f != syntax.NoNode && t.Type(f) == "identifier" && t.Text(f) == "globals" {
			b.m.WritesGlobals = true
		}
		b.children(n, s)
	case kYield:
		// A yield makes the innermost def or lambda a generator (comprehension
		// scopes in between are transparent; a class body is not).
		for sc := s; sc != nil; sc = sc.Parent {
			if sc.Kind == FunctionScope || sc.Kind == LambdaScope {
				sc.Function.Generator = true
				break
			}
			if sc.Kind != ComprehensionScope {
				break
			}
		}
		b.children(n, s)
	case kExpressionStatement:
		b.children(n, s)
		if s.Kind == ModuleScope {
			b.allCall(n)
		}
	default:
		if t.Nodes[n].FirstChild != syntax.NoNode {
			b.children(n, s)
		}
	}
}

func (b *builder) ref(n syntax.NodeID, s *Scope) {
	r := b.newRef()
	*r = Ref{Name: b.t.Text(n), Node: n, Span: b.span(n), Scope: s}
	b.m.Refs = append(b.m.Refs, r)
}

func (b *builder) attribute(n syntax.NodeID, s *Scope, store bool) {
	t := b.t
	obj := t.ChildByField(n, "object")
	attr := t.ChildByField(n, "attribute")
	if obj != syntax.NoNode {
		b.node(obj, s)
	}
	if attr == syntax.NoNode {
		return
	}
	a := b.newAttr()
	*a = Attr{Node: n, Object: obj, Name: t.Text(attr), NameSpan: b.span(attr), Scope: s, Store: store}
	b.m.Attrs = append(b.m.Attrs, a)
	if store && obj != syntax.NoNode && t.Type(obj) == "identifier" {
		// self.x = ... in a method records x as a member of the class.
		if f := s.EnclosingFunction(); f != nil && f.Class != nil && len(f.Params) > 0 && t.Text(obj) == f.Params[0] {
			f.Class.Members[a.Name] = append(f.Class.Members[a.Name], a.NameSpan)
		}
	}
}

// target binds the names of an assignment target.
func (b *builder) target(n syntax.NodeID, s *Scope, kind BindingKind, def syntax.NodeID) {
	t := b.t
	switch t.Type(n) {
	case "identifier":
		b.bind(s, t.Text(n), kind, n, def)
	case "pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "parenthesized_expression":
		for _, c := range t.NamedChildren(n) {
			b.target(c, s, kind, def)
		}
	case "list_splat_pattern", "list_splat":
		for _, c := range t.NamedChildren(n) {
			b.target(c, s, kind, def)
		}
	case "attribute":
		b.attribute(n, s, true)
	case "subscript":
		b.children(n, s)
	default:
		b.node(n, s)
	}
}

func (b *builder) delTarget(n syntax.NodeID, s *Scope, def syntax.NodeID) {
	t := b.t
	switch t.Type(n) {
	case "identifier":
		b.ref(n, s)
	case "expression_list", "tuple", "list", "parenthesized_expression":
		for _, c := range t.NamedChildren(n) {
			b.delTarget(c, s, def)
		}
	case "attribute":
		b.attribute(n, s, true)
	default:
		b.node(n, s)
	}
}

func (b *builder) asPattern(n syntax.NodeID, s *Scope, kind BindingKind, def syntax.NodeID) {
	t := b.t
	for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
		if t.Type(c) == "as_pattern_target" {
			for _, tc := range t.NamedChildren(c) {
				b.target(tc, s, kind, def)
			}
		} else if t.Field(c) == "alias" && t.Type(c) == "identifier" {
			b.target(c, s, kind, def)
		} else {
			b.node(c, s)
		}
	}
}

// pattern binds capture names in match-statement patterns.
func (b *builder) pattern(n syntax.NodeID, s *Scope) {
	t := b.t
	switch t.Type(n) {
	case "case_pattern":
		kids := t.NamedChildren(n)
		if len(kids) == 1 && t.Type(kids[0]) == "dotted_name" {
			parts := t.NamedChildren(kids[0])
			if len(parts) == 1 {
				// a bare name is a capture pattern (except the wildcard _)
				if name := t.Text(parts[0]); name != "_" {
					b.bind(s, name, BindMatch, parts[0], n)
				}
				return
			}
			b.node(kids[0], s) // a dotted value pattern reads names
			return
		}
		for _, c := range kids {
			b.pattern(c, s)
		}
	case "as_pattern":
		kids := t.NamedChildren(n)
		for i, c := range kids {
			if i == len(kids)-1 && t.Type(c) == "identifier" {
				b.bind(s, t.Text(c), BindMatch, c, n)
			} else {
				b.pattern(c, s)
			}
		}
	case "splat_pattern":
		for _, c := range t.NamedChildren(n) {
			if t.Type(c) == "identifier" && t.Text(c) != "_" {
				b.bind(s, t.Text(c), BindMatch, c, n)
			}
		}
	case "keyword_pattern":
		kids := t.NamedChildren(n)
		for i, c := range kids {
			if i == 0 && t.Type(c) == "identifier" {
				continue // the keyword
			}
			b.pattern(c, s)
		}
	case "class_pattern":
		for i, c := range t.NamedChildren(n) {
			if i == 0 && t.Type(c) == "dotted_name" {
				b.node(c, s)
				continue
			}
			b.pattern(c, s)
		}
	case "dotted_name":
		b.node(n, s)
	default:
		if t.Type(n) == "identifier" {
			b.bind(s, t.Text(n), BindMatch, n, n)
			return
		}
		for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
			if t.IsNamed(c) {
				b.pattern(c, s)
			}
		}
	}
}

func (b *builder) assignment(n syntax.NodeID, s *Scope) {
	t := b.t
	left := t.ChildByField(n, "left")
	right := t.ChildByField(n, "right")
	typ := t.ChildByField(n, "type")
	if typ != syntax.NoNode {
		b.node(typ, s)
	}
	if right != syntax.NoNode {
		b.node(right, s)
	}
	if left == syntax.NoNode {
		return
	}
	kind := BindAssign
	if right == syntax.NoNode && typ != syntax.NoNode {
		kind = BindAnnotation
	}
	b.target(left, s, kind, n)
	if s.Kind == ModuleScope && t.Type(left) == "identifier" && t.Text(left) == "__all__" && right != syntax.NoNode {
		b.allAssigned(right)
	}
}

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
			b.bind(fs, t.Text(name), BindParam, name, p)
			if f != nil {
				f.Params = append(f.Params, t.Text(name))
			}
		}
	}
}

func (b *builder) function(n syntax.NodeID, s *Scope, decs []Expr) {
	t := b.t
	nameNode := t.ChildByField(n, "name")
	name := ""
	if nameNode != syntax.NoNode {
		name = t.Text(nameNode)
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
		name = t.Text(nameNode)
	}
	c := &Class{Name: name, Node: n, Decorators: decs, Members: map[string][]Span{}, Keywords: map[string]Expr{}}
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
					c.Keywords[t.Text(kn)] = b.expr(t.ChildByField(a, "value"))
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

func (b *builder) importStmt(n syntax.NodeID, s *Scope) {
	t := b.t
	imp := &Import{Node: n, Span: b.span(n), Scope: s, Statement: n}
	switch t.Type(n) {
	case "import_statement":
		for _, c := range t.ChildrenByField(n, "name") {
			imp.Names = append(imp.Names, b.importName(c))
		}
	case "future_import_statement":
		imp.From, imp.Future = true, true
		imp.Module = []Segment{{Name: "__future__"}}
		for _, c := range t.ChildrenByField(n, "name") {
			imp.Names = append(imp.Names, b.importName(c))
		}
	default:
		imp.From = true
		if mod := t.ChildByField(n, "module_name"); mod != syntax.NoNode {
			switch t.Type(mod) {
			case "relative_import":
				for _, c := range t.NamedChildren(mod) {
					switch t.Type(c) {
					case "import_prefix":
						imp.Dots = int(t.Nodes[c].End - t.Nodes[c].Start)
						imp.DotsSpan = b.span(c)
					case "dotted_name":
						imp.Module = b.segments(c)
					}
				}
			case "dotted_name":
				imp.Module = b.segments(mod)
			}
			if len(imp.Module) == 1 && imp.Module[0].Name == "__future__" && imp.Dots == 0 {
				imp.Future = true
			}
		}
		for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
			if t.Type(c) == "wildcard_import" {
				imp.Star = true
				imp.StarSpan = b.span(c)
			}
		}
		for _, c := range t.ChildrenByField(n, "name") {
			imp.Names = append(imp.Names, b.importName(c))
		}
	}
	b.m.Imports = append(b.m.Imports, imp)
	for _, in := range imp.Names {
		if len(in.Path) == 0 {
			continue
		}
		bound := in.Bound()
		ident := syntax.NoNode
		if in.Alias != nil {
			ident = t.NodeAt(in.Alias.Span.Start)
		} else {
			ident = t.NodeAt(in.Path[0].Span.Start)
		}
		bd := b.bind(s, bound.Name, BindImport, ident, n)
		bd.Span = bound.Span
		bd.Import, bd.ImportName = imp, in
	}
	if imp.Star {
		bd := b.bind(s, "*", BindStarImport, syntax.NoNode, n)
		bd.Span = imp.StarSpan
		bd.Import = imp
	}
}

func (b *builder) importName(n syntax.NodeID) *ImportName {
	t := b.t
	in := &ImportName{}
	switch t.Type(n) {
	case "aliased_import":
		if name := t.ChildByField(n, "name"); name != syntax.NoNode {
			in.Path = b.segments(name)
		}
		if a := t.ChildByField(n, "alias"); a != syntax.NoNode {
			in.Alias = &Segment{Name: t.Text(a), Span: b.span(a)}
		}
	default:
		in.Path = b.segments(n)
	}
	return in
}

func (b *builder) segments(n syntax.NodeID) []Segment {
	t := b.t
	if t.Type(n) == "identifier" {
		return []Segment{{Name: t.Text(n), Span: b.span(n)}}
	}
	var out []Segment
	for _, c := range t.NamedChildren(n) {
		if t.Type(c) == "identifier" {
			out = append(out, Segment{Name: t.Text(c), Span: b.span(c)})
		}
	}
	return out
}

// docstring returns the docstring of a module or block, if its first statement is a string.
func (b *builder) docstring(body syntax.NodeID) string {
	t := b.t
	for c := t.FirstChild(body); c != syntax.NoNode; c = t.NextSibling(c) {
		switch t.Type(c) {
		case "comment":
			continue
		case "expression_statement":
			kids := t.NamedChildren(c)
			if len(kids) == 1 && t.Type(kids[0]) == "string" {
				return StringValue(t, kids[0])
			}
		}
		return ""
	}
	return ""
}

// StringValue returns the value of a plain string literal node (no f-string
// interpolation), undoing common escapes; ok is false for f-strings and bytes.
func StringValue(t *syntax.Tree, n syntax.NodeID) string {
	v, _ := stringLiteral(t, n)
	return v
}

func stringLiteral(t *syntax.Tree, n syntax.NodeID) (string, bool) {
	if t.Type(n) == "concatenated_string" {
		var sb strings.Builder
		for _, c := range t.NamedChildren(n) {
			v, ok := stringLiteral(t, c)
			if !ok {
				return "", false
			}
			sb.WriteString(v)
		}
		return sb.String(), true
	}
	if t.Type(n) != "string" {
		return "", false
	}
	var sb strings.Builder
	raw := false
	for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
		switch t.Type(c) {
		case "string_start":
			prefix := strings.ToLower(strings.TrimRight(t.Text(c), "'\""))
			if strings.ContainsAny(prefix, "fb") {
				return "", false
			}
			raw = strings.Contains(prefix, "r")
		case "string_content":
			sb.WriteString(t.Text(c))
		case "escape_sequence":
			e := t.Text(c)
			if raw {
				sb.WriteString(e)
			} else if u, err := strconv.Unquote(`"` + e + `"`); err == nil {
				sb.WriteString(u)
			} else {
				sb.WriteString(e)
			}
		case "interpolation":
			return "", false
		}
	}
	return sb.String(), true
}

// comment records suppression comments.
func (b *builder) comment(n syntax.NodeID) {
	text := b.t.Text(n)
	sup, ok := ParseSuppression(text)
	if !ok {
		return
	}
	line := int(b.m.Lines.Position(b.t.Nodes[n].Start, UTF8).Line)
	prev := b.m.Suppressions[line]
	prev.All = prev.All || sup.All
	for r := range sup.Rules {
		if prev.Rules == nil {
			prev.Rules = map[string]bool{}
		}
		prev.Rules[r] = true
	}
	for c := range sup.Codes {
		if prev.Codes == nil {
			prev.Codes = map[string]bool{}
		}
		prev.Codes[c] = true
	}
	b.m.Suppressions[line] = prev
}

// ParseSuppression reads a comment for `# pyward: ignore`, `# pyward: ignore[a, b]`,
// `# noqa` and `# noqa: CODE, CODE`.
func ParseSuppression(comment string) (Suppression, bool) {
	var sup Suppression
	found := false
	lower := strings.ToLower(comment)
	if i := strings.Index(lower, "pyward: ignore"); i >= 0 {
		found = true
		rest := comment[i+len("pyward: ignore"):]
		if strings.HasPrefix(rest, "[") {
			if j := strings.Index(rest, "]"); j > 0 {
				sup.Rules = map[string]bool{}
				for _, r := range strings.Split(rest[1:j], ",") {
					if r = strings.TrimSpace(r); r != "" {
						sup.Rules[r] = true
					}
				}
			}
		}
		if len(sup.Rules) == 0 {
			sup.All = true
		}
	}
	if i := strings.Index(lower, "noqa"); i >= 0 && (i == 0 || lower[i-1] == '#' || lower[i-1] == ' ') {
		found = true
		rest := strings.TrimLeft(comment[i+4:], " ")
		if strings.HasPrefix(rest, ":") {
			sup.Codes = map[string]bool{}
			for _, f := range strings.FieldsFunc(rest[1:], func(r rune) bool { return r == ',' || r == ' ' }) {
				if f == "" || f[0] == '#' {
					break
				}
				sup.Codes[strings.ToUpper(f)] = true
			}
		} else {
			sup.All = true
		}
	}
	return sup, found
}

// Suppressed reports whether a finding of rule (with optional noqa codes) on line is suppressed.
func (m *Module) Suppressed(line int, rule string, noqaCodes ...string) bool {
	s, ok := m.Suppressions[line]
	if !ok {
		return false
	}
	if s.All || s.Rules[rule] {
		return true
	}
	for _, c := range noqaCodes {
		if s.Codes[c] {
			return true
		}
	}
	return false
}

// __all__ handling: a list/tuple of string literals, extended by +=, .extend, .append.

func (b *builder) allLiterals(n syntax.NodeID) ([]string, bool) {
	t := b.t
	switch t.Type(n) {
	case "list", "tuple", "parenthesized_expression":
		var out []string
		for _, c := range t.NamedChildren(n) {
			v, ok := stringLiteral(t, c)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		}
		return out, true
	case "binary_operator":
		l, ok1 := b.allLiterals(t.ChildByField(n, "left"))
		r, ok2 := b.allLiterals(t.ChildByField(n, "right"))
		return append(l, r...), ok1 && ok2
	}
	return nil, false
}

func (b *builder) allAssigned(right syntax.NodeID) {
	b.m.HasAll = true
	if v, ok := b.allLiterals(right); ok {
		b.m.All = v
	} else {
		b.allDynamic = true
	}
}

func (b *builder) allAugmented(n syntax.NodeID) {
	b.m.HasAll = true
	if v, ok := b.allLiterals(b.t.ChildByField(n, "right")); ok {
		b.m.All = append(b.m.All, v...)
	} else {
		b.allDynamic = true
	}
}

// allCall handles __all__.extend([...]) and __all__.append("x") at module level.
func (b *builder) allCall(stmt syntax.NodeID) {
	t := b.t
	kids := t.NamedChildren(stmt)
	if len(kids) != 1 || t.Type(kids[0]) != "call" {
		return
	}
	fn := t.ChildByField(kids[0], "function")
	d := DottedName(t, fn)
	if d != "__all__.extend" && d != "__all__.append" {
		return
	}
	b.m.HasAll = true
	args := t.NamedChildren(t.ChildByField(kids[0], "arguments"))
	if len(args) != 1 {
		b.allDynamic = true
		return
	}
	if d == "__all__.append" {
		if v, ok := stringLiteral(t, args[0]); ok {
			b.m.All = append(b.m.All, v)
			return
		}
	} else if v, ok := b.allLiterals(args[0]); ok {
		b.m.All = append(b.m.All, v...)
		return
	}
	b.allDynamic = true
}

func (b *builder) finishAll() {
	if b.allDynamic {
		b.m.DynamicAll = true
	}
}
