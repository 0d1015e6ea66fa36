package analysis

import (
	"bytes"
	"sort"
	"strings"

	"github.com/pyward/pyward/analysis/syntax"
)

// A Summary is what another file needs to know about a module, without its tree or
// model: the module-level bindings (kind, position, import target, async-ness), the
// import statements at module level (re-exports and star imports), the classes with
// their bases and members, __all__, a module __getattr__ or globals() writes, and
// which of a few dynamic spellings (TextMarkers) its text contains. It is built from
// one parse and Build (Summarize), holds no syntax nodes, and is small enough to keep
// for every module a workspace imports and to cache on disk (EncodeSummary).
//
// Import resolution walks re-export chains and star imports through summaries
// (analysis/imports); only the module where a name finally lives is parsed in full
// when a caller needs its model.
type Summary struct {
	// Bindings maps each name bound at module level to its bindings in source order,
	// as Module.Scope.Bindings does (del statements and star-import placeholders
	// included).
	Bindings map[string][]SummaryBinding
	// Imports are the import statements in source order; those in a scope other than
	// the module's are marked Nested (a module-level binding may come from one through
	// a global statement).
	Imports []SummaryImport
	// NestedStar is true when a star import sits in a scope other than the module's.
	NestedStar bool
	// All is the static value of __all__ (see Module.All) and the flags about it.
	All        []string
	HasAll     bool
	DynamicAll bool
	// HasGetattr: the module defines a module-level __getattr__.
	HasGetattr bool
	// WritesGlobals: the module calls globals().
	WritesGlobals bool
	// Markers is a bit set over TextMarkers: bit i is set when the text contains
	// TextMarkers[i].
	Markers uint32
	// Classes are the module's classes in source order (nested ones included).
	Classes []SummaryClass
	// Docstring is the module's docstring.
	Docstring string
	// Nonlocals are names declared nonlocal at module level (a syntax error CPython
	// reports; the model then binds nothing under them).
	Nonlocals []string
}

// SummaryBinding is one module-level binding of a name.
type SummaryBinding struct {
	Kind BindingKind
	// Span is the bound name's identifier.
	Span Span
	// Import and ImportName locate a BindImport's statement and name: indexes into
	// Summary.Imports and its Names; -1 otherwise.
	Import, ImportName int
	// Function is set for BindDef: the def's async-ness and decorators.
	Function *SummaryFunction
	// Class is set for BindClass: an index into Summary.Classes; -1 otherwise.
	Class int
}

// SummaryFunction is what a def tells another module.
type SummaryFunction struct {
	Async      bool
	Generator  bool
	Decorators []string // dotted spellings, "" for a decorator that is not a dotted name
	// DecoratorCalls holds, for each decorator that is a call (`@wraps(f)`), the dotted
	// spelling of what it calls; "" for the others.
	DecoratorCalls []string
	// Returns: the def has a return annotation.
	Returns   bool
	Params    []string
	Docstring string
}

// IsCoroutineFunction reports whether calling the function creates a coroutine: async
// def, not an async generator (decorators are the caller's business).
func (f *SummaryFunction) IsCoroutineFunction() bool { return f.Async && !f.Generator }

// SummaryImport is an import statement.
type SummaryImport struct {
	Span   Span
	From   bool
	Dots   int
	Module []string // the dotted module after "from"
	Names  []SummaryImportName
	Star   bool
	Future bool
	Nested bool // in a scope other than the module's
}

// SummaryImportName is one imported name of a SummaryImport.
type SummaryImportName struct {
	Path  []string // import a.b.c: [a b c]; from m import x: [x]
	Alias string   // "" when there is no "as"
}

// SummaryClass is a class of the module.
type SummaryClass struct {
	Name     string
	NameSpan Span
	// Bases are the dotted spellings of the positional arguments of the class
	// statement ("" for one that is not a dotted name).
	Bases []string
	// Members maps each member (bound in the class body, or stored as self.x in its
	// methods) to where it is bound, as Class.Members.
	Members map[string][]Span
	// Methods are the defs of the class body, by name (the last def of a name).
	Methods   map[string]*SummaryFunction
	Docstring string
}

// TextMarkers are spellings that make a module's names or submodules impossible to
// know statically (sys.modules writes, __dict__, setattr, import hooks, ...). A
// Summary records which of them its text contains (Summary.Spells), so that import
// resolution need not keep the text.
var TextMarkers = []string{"sys.modules", "__dict__", "setattr(", "vars(", "locals()", "exec(", "__path__", "extend_path", "global_enum",
	"meta_path", "path_hooks"}

// Spells reports whether the module's text contains marker, one of TextMarkers; known
// is false for a spelling that is not in TextMarkers (the summary cannot tell).
func (s *Summary) Spells(marker string) (contains, known bool) {
	for i, m := range TextMarkers {
		if m == marker {
			return s.Markers&(1<<i) != 0, true
		}
	}
	return false, false
}

// FirstBinding returns the first module-level binding of name in source order that
// binds (not del, not a star-import placeholder), or nil.
func (s *Summary) FirstBinding(name string) *SummaryBinding {
	var first *SummaryBinding
	bs := s.Bindings[name]
	for i := range bs {
		b := &bs[i]
		if b.Kind == BindDel || b.Kind == BindStarImport {
			continue
		}
		if first == nil || b.Span.Start < first.Span.Start {
			first = b
		}
	}
	return first
}

// Class returns the module-level class named name, if any (as Module.Class).
func (s *Summary) Class(name string) *SummaryClass {
	for _, b := range s.Bindings[name] {
		if b.Kind == BindClass && b.Class >= 0 {
			return &s.Classes[b.Class]
		}
	}
	return nil
}

// Summarize returns the summary of m.
func Summarize(m *Module) *Summary {
	s := &Summary{
		Bindings:      make(map[string][]SummaryBinding, m.Scope.Bindings.Len()),
		All:           append([]string(nil), m.All...),
		HasAll:        m.HasAll,
		DynamicAll:    m.DynamicAll,
		HasGetattr:    m.HasGetattr,
		WritesGlobals: m.WritesGlobals,
		Docstring:     m.Docstring,
	}
	for n, ok := range m.Scope.Nonlocals {
		if ok {
			s.Nonlocals = append(s.Nonlocals, n)
		}
	}
	sort.Strings(s.Nonlocals)
	if m.Tree != nil {
		for i, mk := range TextMarkers {
			if bytes.Contains(m.Tree.Src, []byte(mk)) {
				s.Markers |= 1 << i
			}
		}
	}
	imports := map[*Import]int{}
	for _, imp := range m.Imports {
		nested := imp.Scope != m.Scope
		if nested && imp.Star {
			s.NestedStar = true
		}
		si := SummaryImport{Span: imp.Span, From: imp.From, Dots: imp.Dots, Star: imp.Star, Future: imp.Future,
			Nested: nested, Module: segmentStrings(imp.Module)}
		for _, in := range imp.Names {
			n := SummaryImportName{Path: segmentStrings(in.Path)}
			if in.Alias != nil {
				n.Alias = in.Alias.Name
			}
			si.Names = append(si.Names, n)
		}
		imports[imp] = len(s.Imports)
		s.Imports = append(s.Imports, si)
	}
	classes := map[*Class]int{}
	funcs := make(map[syntax.NodeID]*Function, len(m.Functions))
	for _, f := range m.Functions {
		funcs[f.Node] = f
	}
	for _, c := range m.Classes {
		sc := SummaryClass{Name: c.Name, NameSpan: c.NameSpan, Docstring: c.Docstring, Members: make(map[string][]Span, len(c.Members))}
		for _, b := range c.Bases {
			sc.Bases = append(sc.Bases, b.Dotted)
		}
		for name, spans := range c.Members {
			sc.Members[name] = append([]Span(nil), spans...)
		}
		if c.Scope != nil {
			for name, bs := range c.Scope.Bindings.All() {
				for _, b := range bs {
					if b.Kind != BindDef {
						continue
					}
					if f := funcs[b.Def]; f != nil {
						if sc.Methods == nil {
							sc.Methods = map[string]*SummaryFunction{}
						}
						sc.Methods[name] = summarizeFunction(m.Tree, f)
					}
				}
			}
		}
		classes[c] = len(s.Classes)
		s.Classes = append(s.Classes, sc)
	}
	classAt := make(map[syntax.NodeID]int, len(m.Classes))
	for c, i := range classes {
		classAt[c.Node] = i
	}
	for name, bs := range m.Scope.Bindings.All() {
		out := make([]SummaryBinding, len(bs))
		for i, b := range bs {
			sb := SummaryBinding{Kind: b.Kind, Span: b.Span, Import: -1, ImportName: -1, Class: -1}
			switch b.Kind {
			case BindImport:
				if b.Import != nil {
					if ii, ok := imports[b.Import]; ok {
						sb.Import = ii
						for j, in := range b.Import.Names {
							if in == b.ImportName {
								sb.ImportName = j
							}
						}
					}
				}
			case BindDef:
				if f := funcs[b.Def]; f != nil {
					sb.Function = summarizeFunction(m.Tree, f)
				}
			case BindClass:
				if ci, ok := classAt[b.Def]; ok {
					sb.Class = ci
				}
			}
			out[i] = sb
		}
		s.Bindings[name] = out
	}
	return s
}

func summarizeFunction(t *syntax.Tree, f *Function) *SummaryFunction {
	sf := &SummaryFunction{Async: f.Async, Generator: f.Generator, Docstring: f.Docstring,
		Params: append([]string(nil), f.Params...)}
	for _, d := range f.Decorators {
		sf.Decorators = append(sf.Decorators, d.Dotted)
		call := ""
		if d.Dotted == "" && d.Node != syntax.NoNode && t.Type(d.Node) == "call" {
			call = DottedName(t, t.ChildByField(d.Node, "function"))
		}
		sf.DecoratorCalls = append(sf.DecoratorCalls, call)
	}
	if f.Node != syntax.NoNode && t.Type(f.Node) == "function_definition" {
		sf.Returns = t.ChildByField(f.Node, "return_type") != syntax.NoNode
	}
	return sf
}

func segmentStrings(segs []Segment) []string {
	if len(segs) == 0 {
		return nil
	}
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Name
	}
	return out
}

// Dotted joins the import's module path with dots.
func (i *SummaryImport) Dotted() string { return strings.Join(i.Module, ".") }
