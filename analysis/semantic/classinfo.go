package semantic

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// This file holds the class model's plain data: what one module's classes are, as far
// as another module needs to know (their bases as written, their members and what kind
// each is, the classes that annotations name, async-ness). It is computed from one
// module's model alone (ClassesOf), holds no syntax nodes or pointers into the module,
// and so can be kept in a module summary for modules that are not open. Resolving the
// dotted names in it (bases, member types) to classes of other modules is the
// resolver's business (Resolver, in resolve.go).

// MemberKind says what a class member is.
type MemberKind uint8

// The kinds of member.
const (
	// KindUnknown: bound in several incompatible ways, or through something pyward
	// cannot follow (an unknown decorator, an import in the class body).
	KindUnknown MemberKind = iota
	// KindAttribute: a data attribute (class-level assignment or annotation, self.x = …,
	// cls.x = …, a __slots__ entry, a dataclass field). Type names its class when stated.
	KindAttribute
	// KindMethod: a plain def; Async when it is a coroutine function.
	KindMethod
	// KindProperty: @property (or functools.cached_property, or a .setter of one);
	// Async when reading it gives a coroutine (@property over an async def).
	KindProperty
	// KindClassMethod: @classmethod; Async when it is a coroutine function.
	KindClassMethod
	// KindStaticMethod: @staticmethod; Async when it is a coroutine function.
	KindStaticMethod
	// KindClass: a nested class; Type is its qualified name in the module ("Outer.Inner").
	KindClass
)

// String names the kind for messages and tests.
func (k MemberKind) String() string {
	switch k {
	case KindAttribute:
		return "attribute"
	case KindMethod:
		return "method"
	case KindProperty:
		return "property"
	case KindClassMethod:
		return "classmethod"
	case KindStaticMethod:
		return "staticmethod"
	case KindClass:
		return "class"
	}
	return "unknown"
}

// Member is one member of a class, by its name as written in the class (not mangled).
type Member struct {
	Name string
	Kind MemberKind
	// Async: calling the method gives a coroutine (async def, not an async generator,
	// decorated only by decorators known to keep that); for a property, reading it does.
	Async bool
	// Type is the dotted name of the class of the member's value when the code states
	// it: an attribute's annotation (`client: Client`, `self.store: Store = …`), the
	// annotation of the parameter it is set from (`self.client = client`), the class
	// it is made from (`self.store = Store()`, then FromCall is set), a property's
	// return annotation (a method's is read from its def when it is called). "" when
	// not stated or when the statements disagree. It is read in the class body's scope
	// (names of the class, then of the module).
	Type string
	// FromCall: the value is what calling Type gives (`Type(...)`): an instance only
	// when Type is a plain class (see ClassInfo.Plain), or what a function annotated
	// to return a class returns; an annotation is trusted as written.
	FromCall bool
	// Span is where the member is first bound.
	Span analysis.Span
}

// ClassInfo is what is known about one class from its own module.
type ClassInfo struct {
	Name string
	// Qual is the class's dotted path in its module: "Outer.Inner" for a nested class;
	// a class defined inside a function has the function's name in it ("f.Local").
	Qual string
	// Bases are the positional bases as dotted names, as written (Generic[T] gives
	// "Generic"); "" for a base that is not a dotted name (a call, say).
	Bases []string
	// Keywords: the class statement has keyword arguments (a metaclass, say).
	Keywords bool
	// Plain: calling the class surely makes an instance of it as far as its own body
	// tells: no keyword arguments, no __new__, only decorators that return the class.
	// (Its bases must be plain too; the resolver checks the whole MRO.)
	Plain bool
	// Dynamic: the class defines __getattr__ or __getattribute__, so any attribute may
	// exist on its instances.
	Dynamic bool
	// TopLevel: the class is bound at module level (others are found only through it).
	TopLevel bool
	// Members by name as written.
	Members map[string]*Member
}

// Lookup returns the member called name, when the class's own body or methods bind it.
func (ci *ClassInfo) Lookup(name string) (*Member, bool) {
	m, ok := ci.Members[name]
	return m, ok
}

// ModuleClasses is the class model of one module: every class, in source order, with
// its node, so that code reading the module can go from a class definition to its info.
type ModuleClasses struct {
	List   []*ClassInfo
	byNode map[syntax.NodeID]*ClassInfo
}

// Of returns the info of the class defined by cl, or nil.
func (mc *ModuleClasses) Of(cl *analysis.Class) *ClassInfo {
	if mc == nil || cl == nil {
		return nil
	}
	return mc.byNode[cl.Node]
}

// ByQual returns the class whose qualified name is qual, or nil.
func (mc *ModuleClasses) ByQual(qual string) *ClassInfo {
	if mc == nil {
		return nil
	}
	for _, ci := range mc.List {
		if ci.Qual == qual {
			return ci
		}
	}
	return nil
}

// kindKeepingDecorators are function decorators that leave a def's kind and async-ness as
// they are.
var kindKeepingDecorators = map[string]bool{
	"abstractmethod": true, "abc.abstractmethod": true,
	"override": true, "typing.override": true, "typing_extensions.override": true,
	"final": true, "typing.final": true, "typing_extensions.final": true,
	"overload": true, "typing.overload": true, "typing_extensions.overload": true,
	"no_type_check": true, "typing.no_type_check": true,
}

// propertyDecorators make a def a property.
var propertyDecorators = map[string]bool{
	"property": true, "builtins.property": true, "abc.abstractproperty": true, "abstractproperty": true,
	"cached_property": true, "functools.cached_property": true,
}

// classDecoratorsKeeping are class decorators that return the class itself.
var classDecoratorsKeeping = map[string]bool{
	"dataclass": true, "dataclasses.dataclass": true, "final": true, "typing.final": true,
	"total_ordering": true, "functools.total_ordering": true,
}

// ClassesOf computes the class model of module m from m alone.
func ClassesOf(m *analysis.Module) *ModuleClasses {
	mc := &ModuleClasses{byNode: make(map[syntax.NodeID]*ClassInfo, len(m.Classes))}
	if len(m.Classes) == 0 {
		return mc
	}
	t := m.Tree
	spoiled := map[*Member]bool{}
	infos := make([]ClassInfo, len(m.Classes))
	for i, cl := range m.Classes {
		n := 0
		if cl.Scope != nil {
			n = cl.Scope.Bindings.Len()
		}
		ci := &infos[i]
		*ci = ClassInfo{Name: cl.Name, Qual: qualName(cl.Scope), Keywords: len(cl.Keywords) > 0,
			Members: make(map[string]*Member, n+n/4)}
		ci.TopLevel = cl.Scope != nil && cl.Scope.Parent != nil && cl.Scope.Parent.Kind == analysis.ModuleScope
		for _, b := range cl.Bases {
			ci.Bases = append(ci.Bases, baseName(t, b))
		}
		ci.Plain = !ci.Keywords && decoratorsKeepClass(t, cl.Decorators)
		if cl.Scope != nil {
			// the defs of the class body, by node
			funcs := make(map[syntax.NodeID]*analysis.Function, len(cl.Scope.Children))
			for _, ch := range cl.Scope.Children {
				if ch.Function != nil {
					funcs[ch.Node] = ch.Function
				}
			}
			mems := make([]Member, 0, n)
			for name, bs := range cl.Scope.Bindings.All() {
				mems = append(mems, Member{Name: name, Span: bs[0].Span})
				mem := &mems[len(mems)-1]
				if classify(m, funcs, cl, mem, bs) {
					spoiled[mem] = true
				}
				ci.Members[name] = mem
				if name == "__slots__" {
					for _, b := range bs {
						for _, s := range slotNames(t, b.Def) {
							if _, ok := ci.Members[s]; !ok {
								ci.Members[s] = &Member{Name: s, Kind: KindAttribute, Span: b.Span}
							}
						}
					}
				}
			}
			if len(cl.Scope.Bindings.Lookup("__new__")) > 0 {
				ci.Plain = false
			}
			ci.Dynamic = len(cl.Scope.Bindings.Lookup("__getattr__")) > 0 || len(cl.Scope.Bindings.Lookup("__getattribute__")) > 0
		}
		mc.List = append(mc.List, ci)
		mc.byNode[cl.Node] = ci
	}
	instanceStores(m, mc, spoiled)
	return mc
}

// qualName is the dotted path of the class or function whose scope is s.
func qualName(s *analysis.Scope) string {
	var parts []string
	for sc := s; sc != nil && sc.Kind != analysis.ModuleScope; sc = sc.Parent {
		parts = append(parts, sc.Name)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ".")
}

// baseName is the dotted spelling of a base expression, through a subscript.
func baseName(t *syntax.Tree, b analysis.Expr) string {
	if b.Dotted != "" {
		return b.Dotted
	}
	if b.Node != syntax.NoNode && t.Type(b.Node) == "subscript" {
		return analysis.DottedName(t, t.ChildByField(b.Node, "value"))
	}
	return ""
}

// decoratorsKeepClass reports whether every class decorator returns the class itself.
func decoratorsKeepClass(t *syntax.Tree, decs []analysis.Expr) bool {
	for _, d := range decs {
		if !classDecoratorsKeeping[decoratorName(t, d)] {
			return false
		}
	}
	return true
}

// decoratorName is the dotted name of a decorator, through a call (`@dataclass(frozen=True)`).
func decoratorName(t *syntax.Tree, d analysis.Expr) string {
	if d.Dotted != "" {
		return d.Dotted
	}
	if d.Node != syntax.NoNode && t.Type(d.Node) == "call" {
		return analysis.DottedName(t, t.ChildByField(d.Node, "function"))
	}
	return ""
}

// classify sets the kind, async-ness and type of a member from its bindings in the
// class body: all bindings must agree on the kind, else it is unknown. spoiled reports
// that some binding gives a value whose class is not stated (then stores on self do
// not decide the type either).
func classify(m *analysis.Module, funcs map[syntax.NodeID]*analysis.Function, cl *analysis.Class, mem *Member, bs []*analysis.Binding) (spoiled bool) {
	t := m.Tree
	first := true
	typ, typeKnown := "", true
	fromCall := false
	for _, b := range bs {
		var kind MemberKind
		async := false
		btype, bcall, bknown := "", false, true
		switch b.Kind {
		case analysis.BindDef:
			f := funcs[b.Def]
			if f == nil {
				kind = KindUnknown
				break
			}
			kind, async = defKind(t, f, mem.Name)
			if kind == KindProperty {
				// what reading it gives; a method's return annotation is read from its
				// def when it is called (see Coroutines.returned)
				btype = annotationName(t, t.ChildByField(f.Node, "return_type"))
			}
		case analysis.BindClass:
			kind = KindClass
			if cs := childClassScope(cl, b.Def); cs != nil {
				btype = qualName(cs)
			}
		case analysis.BindAssign, analysis.BindAnnotation:
			kind = KindAttribute
			btype, bcall, bknown = assignedType(t, b)
		default:
			kind = KindUnknown
		}
		if first {
			mem.Kind, mem.Async = kind, async
			first = false
		} else if mem.Kind != kind || mem.Async != async {
			mem.Kind, mem.Async = KindUnknown, false
		}
		switch {
		case btype == "" && bknown:
			// `x = None`, a def without return annotation that does not spoil others
		case btype == "":
			typeKnown = false
		case typ == "":
			typ, fromCall = btype, bcall
		case typ != btype:
			typeKnown = false
		}
	}
	if typeKnown && mem.Kind != KindUnknown {
		mem.Type, mem.FromCall = typ, fromCall
	}
	return !typeKnown
}

// childClassScope returns the scope of the class nested in cl whose node is def.
func childClassScope(cl *analysis.Class, def syntax.NodeID) *analysis.Scope {
	for _, c := range cl.Scope.Children {
		if c.Kind == analysis.ClassScope && c.Node == def {
			return c
		}
	}
	return nil
}

// defKind classifies a def in a class body by its decorators.
func defKind(t *syntax.Tree, f *analysis.Function, name string) (MemberKind, bool) {
	kind := KindMethod
	for _, d := range f.Decorators {
		dn := decoratorName(t, d)
		switch {
		case kindKeepingDecorators[dn] || dn == "wraps" || dn == "functools.wraps":
		case dn == "classmethod":
			kind = KindClassMethod
		case dn == "staticmethod":
			kind = KindStaticMethod
		case propertyDecorators[dn] || d.Dotted == name+".setter" || d.Dotted == name+".getter" || d.Dotted == name+".deleter":
			kind = KindProperty
		default:
			return KindUnknown, false
		}
	}
	return kind, f.IsCoroutineFunction()
}

// assignedType is the class a class-body binding states for its name: the annotation
// of `x: T` / `x: T = v`, else the callee of `x = T(...)` (the resolver checks that T
// is a plain class). known is false when the binding gives a value whose class is not
// stated; `x = None` states nothing and spoils nothing.
func assignedType(t *syntax.Tree, b *analysis.Binding) (typ string, fromCall, known bool) {
	def := b.Def
	if def == syntax.NoNode || t.Type(def) != "assignment" || t.ChildByField(def, "left") != b.Node {
		return "", false, false
	}
	if ann := t.ChildByField(def, "type"); ann != syntax.NoNode {
		if s := annotationName(t, ann); s != "" {
			return s, false, true
		}
		return "", false, false
	}
	return valueType(t, t.ChildByField(def, "right"))
}

// valueType is the class a value expression states: `T(...)` with T dotted; None states
// nothing (known, empty).
func valueType(t *syntax.Tree, v syntax.NodeID) (typ string, fromCall, known bool) {
	v = analysis.SkipParens(t, v)
	if v == syntax.NoNode {
		return "", false, false
	}
	switch t.Type(v) {
	case "none":
		return "", false, true
	case "call":
		if d := analysis.DottedName(t, t.ChildByField(v, "function")); d != "" {
			return d, true, true
		}
	}
	return "", false, false
}

// annotationName is the dotted class name an annotation states: `Client`,
// `asyncio.StreamWriter`, the string "Client"; `Optional[T]`, `T | None` and other
// forms state nothing pyward uses ("").
func annotationName(t *syntax.Tree, ann syntax.NodeID) string {
	if ann == syntax.NoNode {
		return ""
	}
	if t.Type(ann) == "type" {
		kids := t.NamedChildren(ann)
		if len(kids) != 1 {
			return ""
		}
		ann = kids[0]
	}
	ann = analysis.SkipParens(t, ann)
	switch t.Type(ann) {
	case "identifier", "attribute":
		return analysis.DottedName(t, ann)
	case "string":
		s := strings.TrimSpace(analysis.StringValue(t, ann))
		if isDotted(s) {
			return s
		}
	}
	return ""
}

// isDotted reports whether s is a dotted chain of Python identifiers (ASCII ones).
func isDotted(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for i, r := range part {
			ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9'
			if !ok {
				return false
			}
		}
	}
	return true
}

// slotNames returns the string literals of `__slots__ = (...)` (statement def).
func slotNames(t *syntax.Tree, def syntax.NodeID) []string {
	if def == syntax.NoNode || t.Type(def) != "assignment" {
		return nil
	}
	right := t.ChildByField(def, "right")
	if right == syntax.NoNode {
		return nil
	}
	var out []string
	switch t.Type(right) {
	case "string":
		out = append(out, analysis.StringValue(t, right))
	case "list", "tuple", "set", "parenthesized_expression":
		for _, e := range t.NamedChildren(right) {
			if t.Type(e) == "string" {
				out = append(out, analysis.StringValue(t, e))
			}
		}
	}
	return out
}

// instanceStores adds the members that methods store on self or cls (`self.x = …`,
// `self.x: T = …`, `cls.x = …`), with the class each store states. A store whose value
// states no class makes the type unknown; stores and body bindings must agree.
func instanceStores(m *analysis.Module, mc *ModuleClasses, spoiled map[*Member]bool) {
	t := m.Tree
	type acc struct {
		typ      string
		fromCall bool
		unknown  bool
	}
	stated := map[*ClassInfo]map[string]*acc{}
	for _, a := range m.Attrs {
		if !a.Store {
			continue
		}
		f := a.Scope.EnclosingFunction()
		if f == nil || f.Class == nil || len(f.Params) == 0 || t.Type(a.Object) != "identifier" || t.Text(a.Object) != f.Params[0] {
			continue
		}
		if hasDecorator(f, "staticmethod") {
			continue
		}
		// the receiver must be the method's own first parameter, not a rebinding of it
		if sc, _ := m.Lookup(a.Scope, f.Params[0]); sc != f.Scope {
			continue
		}
		ci := mc.byNode[f.Class.Node]
		if ci == nil {
			continue
		}
		mem := ci.Members[a.Name]
		if mem == nil {
			mem = &Member{Name: a.Name, Kind: KindAttribute, Span: a.NameSpan}
			ci.Members[a.Name] = mem
		} else if mem.Kind != KindAttribute {
			// self.x = … over a method or property of the same name: an instance
			// attribute shadows a method; what the name gives is unknown
			mem.Kind, mem.Async, mem.Type = KindUnknown, false, ""
			continue
		}
		typ, fromCall, known := storedType(m, f, a)
		if stated[ci] == nil {
			stated[ci] = map[string]*acc{}
		}
		st := stated[ci][a.Name]
		if st == nil {
			st = &acc{}
			stated[ci][a.Name] = st
		}
		switch {
		case !known:
			st.unknown = true
		case typ == "":
		case st.typ == "":
			st.typ, st.fromCall = typ, fromCall
		case st.typ != typ:
			st.unknown = true
		}
	}
	for ci, names := range stated {
		for name, st := range names {
			mem := ci.Members[name]
			if mem.Kind != KindAttribute {
				continue
			}
			declared := mem.Type != "" && !mem.FromCall // a class-level annotation wins
			switch {
			case declared:
			case st.unknown:
				mem.Type, mem.FromCall = "", false
			case st.typ == "":
			case mem.Type == "":
				if !spoiled[mem] {
					mem.Type, mem.FromCall = st.typ, st.fromCall
				}
			case mem.Type != st.typ:
				mem.Type, mem.FromCall = "", false
			}
		}
	}
}

// storedType is the class the store a (an attribute of self or cls in method f) states.
func storedType(m *analysis.Module, f *analysis.Function, a *analysis.Attr) (typ string, fromCall, known bool) {
	t := m.Tree
	p := t.Parent(a.Node)
	if p == syntax.NoNode || t.Type(p) != "assignment" || t.ChildByField(p, "left") != a.Node {
		return "", false, false // augmented, del, tuple targets, for targets, with targets
	}
	if ann := t.ChildByField(p, "type"); ann != syntax.NoNode {
		if s := annotationName(t, ann); s != "" {
			return s, false, true
		}
		return "", false, false
	}
	right := analysis.SkipParens(t, t.ChildByField(p, "right"))
	if right != syntax.NoNode && t.Type(right) == "identifier" {
		// self.client = client: the parameter's annotation
		name := t.Text(right)
		if sc, bs := m.Lookup(a.Scope, name); sc == f.Scope && len(bs) == 1 && bs[0].Kind == analysis.BindParam {
			if s := ParamAnnotation(t, bs[0]); s != "" {
				return s, false, true
			}
		}
		return "", false, false
	}
	return valueType(t, right)
}

// ParamAnnotation is the dotted class name a parameter's annotation states ("" when
// it has none or it is not a plain class name). b is the parameter's binding.
func ParamAnnotation(t *syntax.Tree, b *analysis.Binding) string {
	if b == nil || b.Kind != analysis.BindParam || b.Def == syntax.NoNode {
		return ""
	}
	switch t.Type(b.Def) {
	case "typed_parameter", "typed_default_parameter":
		return annotationName(t, t.ChildByField(b.Def, "type"))
	}
	return ""
}
