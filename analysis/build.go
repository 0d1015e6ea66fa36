package analysis

import (
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
	// sized from the text (a guess of one distinct name per 100 bytes), so that the
	// intern table does not grow step by step from empty on every keystroke
	b := &builder{m: m, t: tree, names: make(map[string]string, len(tree.Src)/100)}
	m.Scope = b.newScope(ModuleScope, "", 0, nil)
	if len(tree.Nodes) > 0 {
		m.Docstring = b.docstring(0)
		b.block(0, m.Scope)
	}
	b.finishAll()
	b.finishNames()
	return m
}

type builder struct {
	m *Module
	t *syntax.Tree

	// Slabs for the many small records, to allocate them in chunks.
	refs     []Ref
	attrs    []Attr
	bindings []Binding
	// bound lists every binding in the order bind made them; finishNames files them
	// into their scopes' Names.
	bound []*Binding
	// names interns identifiers, so that the many refs, attributes and bindings of one
	// name share one string instead of a copy of the source each.
	names map[string]string
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
	s := &Scope{Kind: kind, Name: name, Node: node, Parent: parent, id: int32(len(b.m.Scopes))}
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

// name returns the text of the identifier (or other short token) n, interned.
func (b *builder) name(n syntax.NodeID) string {
	nd := &b.t.Nodes[n]
	raw := b.t.Src[nd.Start:nd.End]
	if s, ok := b.names[string(raw)]; ok {
		return s
	}
	s := string(raw)
	b.names[s] = s
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
	b.bound = append(b.bound, bd)
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
				b.bind(s, b.name(left), BindAssign, left, n)
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
			b.bind(target, b.name(name), BindAssign, name, n)
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
			name := b.name(id)
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
		if t.FirstChild(n) != syntax.NoNode {
			b.children(n, s)
		}
	}
}

func (b *builder) ref(n syntax.NodeID, s *Scope) {
	r := b.newRef()
	*r = Ref{Name: b.name(n), Node: n, Span: b.span(n), Scope: s}
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
	*a = Attr{Node: n, Object: obj, Name: b.name(attr), NameSpan: b.span(attr), Scope: s, Store: store}
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
		b.bind(s, b.name(n), kind, n, def)
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
				if name := b.name(parts[0]); name != "_" {
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
				b.bind(s, b.name(c), BindMatch, c, n)
			} else {
				b.pattern(c, s)
			}
		}
	case "splat_pattern":
		for _, c := range t.NamedChildren(n) {
			if t.Type(c) == "identifier" && t.Text(c) != "_" {
				b.bind(s, b.name(c), BindMatch, c, n)
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
			b.bind(s, b.name(n), BindMatch, n, n)
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

// finishNames files the bindings into their scopes' Names: one slice of the module's
// bindings grouped by scope and, within a scope, by name (each name's bindings in
// source order, names in the order of their first binding), and a hash index for the
// scopes with more than namesIndexed names.
func (b *builder) finishNames() {
	scopes := b.m.Scopes
	bound := b.bound
	b.bound = nil
	// start[i] is where scope i's bindings begin in byScope (a stable counting sort).
	start := make([]int32, len(scopes)+1)
	for _, bd := range bound {
		start[bd.Scope.id+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	byScope := make([]*Binding, len(bound))
	next := append([]int32(nil), start[:len(scopes)]...)
	for _, bd := range bound {
		byScope[next[bd.Scope.id]] = bd
		next[bd.Scope.id]++
	}
	// entryOf[k] is the entry (within its scope) of the name of byScope[k]; nameStart[i]
	// is where scope i's entries begin.
	entryOf := make([]int32, len(bound))
	nameStart := make([]int32, len(scopes)+1)
	indexes := map[int32]map[string]int32{}
	var first []int32 // per entry of the scope at hand, the k of its first binding
	for i := range scopes {
		lo, hi := start[i], start[i+1]
		first = first[:0]
		var index map[string]int32
		if hi-lo > namesIndexed {
			index = make(map[string]int32, hi-lo)
		}
		for k := lo; k < hi; k++ {
			name := byScope[k].Name
			e := int32(-1)
			if index != nil {
				if j, ok := index[name]; ok {
					e = j
				} else {
					index[name] = int32(len(first))
				}
			} else {
				for j, f := range first {
					if byScope[f].Name == name {
						e = int32(j)
						break
					}
				}
			}
			if e < 0 {
				e = int32(len(first))
				first = append(first, k)
			}
			entryOf[k] = e
		}
		nameStart[i+1] = nameStart[i] + int32(len(first))
		if len(first) > namesIndexed {
			indexes[int32(i)] = index
		}
	}
	entries := make([]nameEntry, nameStart[len(scopes)])
	all := make([]*Binding, len(bound))
	for i, s := range scopes {
		lo, hi := start[i], start[i+1]
		es := entries[nameStart[i]:nameStart[i+1]:nameStart[i+1]]
		for k := lo; k < hi; k++ {
			es[entryOf[k]].n++
		}
		off := uint32(0)
		for j := range es {
			es[j].off = off
			off += es[j].n
			es[j].n = 0
		}
		group := all[lo:hi:hi]
		for k := lo; k < hi; k++ {
			e := &es[entryOf[k]]
			if e.n == 0 {
				e.name = byScope[k].Name
			}
			group[e.off+e.n] = byScope[k]
			e.n++
		}
		s.Bindings = Names{entries: es, all: group, index: indexes[int32(i)]}
	}
}
