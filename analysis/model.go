package analysis

import (
	"iter"

	"github.com/pyward/pyward/analysis/syntax"
)

// ScopeKind says what introduced a scope.
type ScopeKind int

// The kinds of scope Python has.
const (
	ModuleScope ScopeKind = iota
	ClassScope
	FunctionScope
	LambdaScope
	ComprehensionScope
)

// BindingKind says how a name was bound.
type BindingKind int

// The ways a name can be bound.
const (
	BindDef        BindingKind = iota // def / async def
	BindClass                         // class
	BindAssign                        // x = ..., x: T = ..., walrus, augmented assignment
	BindAnnotation                    // x: T with no value (declares, binds nothing at run time)
	BindFor                           // for x in ...
	BindWith                          // with ... as x
	BindImport                        // import x / from m import x
	BindStarImport                    // a name that from m import * may bring in (not recorded per name)
	BindParam                         // a parameter
	BindExcept                        // except E as x
	BindMatch                         // a capture in a case pattern
	BindDel                           // del x
	BindTypeParam                     // PEP 695 type parameter
)

// Scope is a module, class, function, lambda or comprehension body.
type Scope struct {
	Kind     ScopeKind
	Name     string // the function's or class's name; "" for the module, "<lambda>" etc.
	Node     syntax.NodeID
	id       int32 // the scope's index in Module.Scopes
	Parent   *Scope
	Children []*Scope
	// Bindings maps each name bound in this scope to its bindings in source order.
	Bindings Names
	// Globals and Nonlocals are the names declared global / nonlocal in this scope.
	Globals   map[string]bool
	Nonlocals map[string]bool
	Class     *Class    // set for ClassScope
	Function  *Function // set for FunctionScope
}

// Names maps the names bound in one scope to their bindings in source order. It is
// read-only, and its zero value holds no names. It is laid out for memory (a scope's
// bindings grouped by name in one slice, a hash index only for scopes with many names)
// rather than as a Go map per scope, which cost most of a module model's memory.
type Names struct {
	entries []nameEntry // one per name, in the order of its first binding
	all     []*Binding  // the scope's bindings grouped by name, each group in source order
	index   map[string]int32
}

// nameEntry is one name of a scope: its bindings are all[off : off+n].
type nameEntry struct {
	name   string
	off, n uint32
}

// namesIndexed is the number of names above which a scope's names get a hash index;
// up to it a scan of the names is as fast.
const namesIndexed = 8

// Lookup returns the bindings of name in source order, or nil when the scope does not
// bind it. The caller must not modify the slice.
func (ns *Names) Lookup(name string) []*Binding {
	if ns.index != nil {
		if i, ok := ns.index[name]; ok {
			return ns.at(i)
		}
		return nil
	}
	for i := range ns.entries {
		if ns.entries[i].name == name {
			return ns.at(int32(i))
		}
	}
	return nil
}

func (ns *Names) at(i int32) []*Binding {
	e := ns.entries[i]
	return ns.all[e.off : e.off+e.n : e.off+e.n]
}

// Len returns the number of names bound in the scope.
func (ns *Names) Len() int { return len(ns.entries) }

// All yields each name bound in the scope with its bindings in source order, names in
// the order of their first binding. The caller must not modify the slices.
func (ns *Names) All() iter.Seq2[string, []*Binding] {
	return func(yield func(string, []*Binding) bool) {
		for i := range ns.entries {
			if !yield(ns.entries[i].name, ns.at(int32(i))) {
				return
			}
		}
	}
}

// Binding is one place where a name is bound.
type Binding struct {
	Name  string
	Kind  BindingKind
	Span  Span          // the bound name's identifier
	Node  syntax.NodeID // the identifier node
	Def   syntax.NodeID // the statement: function_definition, class_definition, assignment, import ...
	Scope *Scope
	// Import is set for BindImport: the statement and the imported name.
	Import     *Import
	ImportName *ImportName
}

// Ref is a read of a bare name.
type Ref struct {
	Name  string
	Node  syntax.NodeID
	Span  Span
	Scope *Scope
}

// Attr is an attribute access obj.attr (load or store).
type Attr struct {
	Node     syntax.NodeID // the attribute node
	Object   syntax.NodeID // the receiver expression
	Name     string        // the attribute name as written
	NameSpan Span
	Scope    *Scope
	Store    bool // assigned, augmented or deleted
}

// Segment is one dotted part of a module path in an import, with its source span.
type Segment struct {
	Name string
	Span Span
}

// ImportName is one imported name: `a.b.c` or `x as y` in `import`, `x as y` in `from`.
type ImportName struct {
	Path  []Segment // import a.b.c: [a b c]; from m import x: [x]
	Alias *Segment  // the "as" name, when present
}

// Bound returns the name this import binds in the importing scope: the alias, or for
// `import a.b.c` the first segment `a`, or for `from m import x` the name `x`.
func (n *ImportName) Bound() Segment {
	if n.Alias != nil {
		return *n.Alias
	}
	return n.Path[0]
}

// Import is an import statement.
type Import struct {
	Node      syntax.NodeID
	Span      Span
	From      bool      // from ... import ...
	Dots      int       // leading dots of a relative import
	DotsSpan  Span      // the span of the dots
	Module    []Segment // the dotted module after "from" (empty for `from . import x`)
	Names     []*ImportName
	Star      bool // from m import *
	StarSpan  Span
	Future    bool // from __future__ import ...
	Scope     *Scope
	Statement syntax.NodeID
}

// Class is a class definition.
type Class struct {
	Name       string
	Node       syntax.NodeID // class_definition
	NameSpan   Span
	Scope      *Scope          // the class body
	Bases      []Expr          // positional arguments of the class statement
	Keywords   map[string]Expr // nil when the class statement has none
	Decorators []Expr
	// Members maps names bound in the class body and `self.x = ...` stores in its
	// methods to where they are bound.
	Members   map[string][]Span
	Docstring string
}

// Function is a def or async def, or a lambda (Name "<lambda>").
type Function struct {
	Name       string
	Node       syntax.NodeID // function_definition or lambda
	NameSpan   Span
	Async      bool
	Generator  bool // its own body contains yield
	Decorators []Expr
	Class      *Class // the class whose body defines it, for methods
	Scope      *Scope
	Params     []string
	Docstring  string
}

// IsCoroutineFunction reports whether calling f creates a coroutine: async def, not an
// async generator. Decorators that may change that are the caller's business.
func (f *Function) IsCoroutineFunction() bool { return f.Async && !f.Generator }

// Expr is an expression with its dotted spelling when it is a name or an attribute
// chain of names (`a.b.c`), else Dotted is empty.
type Expr struct {
	Node   syntax.NodeID
	Dotted string
	Span   Span
}

// Module is everything pyward knows about one Python source text. It is immutable
// once built, and safe to read from any goroutine.
type Module struct {
	Tree      *syntax.Tree
	Lines     *LineIndex
	Scope     *Scope // the module scope
	Scopes    []*Scope
	Imports   []*Import
	Classes   []*Class
	Functions []*Function
	Refs      []*Ref
	Attrs     []*Attr
	// Calls and Awaits list every call node and every await expression, in source
	// order, so that rules about calls need not walk the whole tree.
	Calls  []syntax.NodeID
	Awaits []syntax.NodeID
	// All is the static value of __all__ when it is a list or tuple of string literals
	// (with += / .extend / .append of literals); HasAll reports whether it was found.
	All    []string
	HasAll bool
	// DynamicAll is true when __all__ is computed in a way pyward cannot follow.
	DynamicAll bool
	// HasGetattr is true when the module defines a module-level __getattr__.
	HasGetattr bool
	// WritesGlobals is true when the module calls globals() (it may bind any name).
	WritesGlobals bool
	// Docstring is the module's docstring.
	Docstring string
	// Suppressions maps a 0-based line to what its `# pyward: ignore` / `# noqa` comment suppresses.
	Suppressions map[int]Suppression

	scopeOf map[syntax.NodeID]*Scope
}

// Suppression is what a comment on one line suppresses.
type Suppression struct {
	All   bool            // "# pyward: ignore" or a bare "# noqa"
	Rules map[string]bool // "# pyward: ignore[rule, rule]"
	Codes map[string]bool // "# noqa: SLF001, E501": upper-case codes
}

// TopLevel returns the module-level bindings of name.
func (m *Module) TopLevel(name string) []*Binding { return m.Scope.Bindings.Lookup(name) }

// Class returns the module-level class named name, if any.
func (m *Module) Class(name string) *Class {
	for _, b := range m.Scope.Bindings.Lookup(name) {
		if b.Kind == BindClass {
			for _, c := range m.Classes {
				if c.Node == b.Def {
					return c
				}
			}
		}
	}
	return nil
}

// FunctionAt returns the Function whose definition node is n.
func (m *Module) FunctionAt(n syntax.NodeID) *Function {
	for _, f := range m.Functions {
		if f.Node == n {
			return f
		}
	}
	return nil
}

// ScopeOf returns the innermost scope that contains node n.
func (m *Module) ScopeOf(n syntax.NodeID) *Scope {
	t := m.Tree
	for p := n; p != syntax.NoNode; p = t.Parent(p) {
		if s, ok := m.scopeOf[p]; ok {
			// A def's name, decorators, defaults and annotations belong to the enclosing
			// scope; only its body (and parameters) belong to the function's scope.
			if s.Kind != ModuleScope && (p == n || !insideScopeBody(t, p, n)) {
				continue
			}
			return s
		}
	}
	return m.Scope
}

// insideScopeBody reports whether n (a descendant of the scope node p) lies in the
// part of p that the new scope covers.
func insideScopeBody(t *syntax.Tree, p, n syntax.NodeID) bool {
	// find the child of p on the path to n
	c := n
	for t.Parent(c) != p {
		c = t.Parent(c)
		if c == syntax.NoNode {
			return false
		}
	}
	switch t.Type(p) {
	case "function_definition", "lambda":
		f := t.Field(c)
		return f == "body" || f == "parameters" && !isDefaultOrAnnotation(t, n, c)
	case "class_definition":
		return t.Field(c) == "body"
	default: // comprehensions
		return true
	}
}

// isDefaultOrAnnotation reports whether n, inside the parameters node params, is part of a
// default value or annotation (evaluated in the enclosing scope).
func isDefaultOrAnnotation(t *syntax.Tree, n, params syntax.NodeID) bool {
	for c := n; c != params && c != syntax.NoNode; c = t.Parent(c) {
		if f := t.Field(c); f == "value" || f == "type" {
			return true
		}
	}
	return false
}

// Lookup resolves name as read in scope s, following Python's rules: the scope
// itself, enclosing function scopes (class scopes are skipped, except s itself),
// then the module. It returns the scope where the name is bound and its bindings,
// or nil when the name is not bound anywhere (a builtin or an error).
func (m *Module) Lookup(s *Scope, name string) (*Scope, []*Binding) {
	first := true
	for sc := s; sc != nil; sc = sc.Parent {
		if !first && sc.Kind == ClassScope {
			continue
		}
		first = false
		if sc.Globals[name] {
			return m.Scope, m.Scope.Bindings.Lookup(name)
		}
		if bs := sc.Bindings.Lookup(name); len(bs) > 0 && !sc.Nonlocals[name] {
			return sc, bs
		}
	}
	return nil, nil
}

// EnclosingClass returns the innermost class whose body lexically contains s
// (through functions, lambdas and comprehensions), or nil.
func (s *Scope) EnclosingClass() *Class {
	for sc := s; sc != nil; sc = sc.Parent {
		if sc.Kind == ClassScope {
			return sc.Class
		}
	}
	return nil
}

// EnclosingFunction returns the innermost def or lambda containing s, or nil.
func (s *Scope) EnclosingFunction() *Function {
	for sc := s; sc != nil; sc = sc.Parent {
		if sc.Kind == FunctionScope || sc.Kind == LambdaScope {
			return sc.Function
		}
		if sc.Kind == ClassScope || sc.Kind == ModuleScope {
			return nil
		}
	}
	return nil
}

// Span returns the byte span of node n.
func (m *Module) Span(n syntax.NodeID) Span {
	nd := m.Tree.Nodes[n]
	return Span{Start: nd.Start, End: nd.End}
}

// Text returns the source text of node n.
func (m *Module) Text(n syntax.NodeID) string { return m.Tree.Text(n) }
