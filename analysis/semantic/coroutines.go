package semantic

import (
	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// Coroutines knows which callables of one module are coroutine functions: calling
// them creates a coroutine object that runs only when awaited. It follows async defs
// in the file, methods through self/cls/super() and the class's resolvable bases,
// names imported from workspace modules (through the Index, when there is one, and
// through re-exports), and a table of well-known asyncio coroutine functions and
// methods. It answers only "surely yes": anything it cannot follow is not a coroutine
// function, so the rules built on it stay quiet rather than wrong.
//
// A Coroutines is cheap to make (one per rule run) and is not safe for concurrent use.
type Coroutines struct {
	m    *analysis.Module
	ix   *analysis.Index
	path string
	// funcs maps the definition node of each function in a module to its Function.
	funcs map[*analysis.Module]map[syntax.NodeID]*analysis.Function
	// paths records the file of each workspace module reached through imports.
	paths map[*analysis.Module]string
	// file is the checked file (for its Notebook flag), when known.
	file *analysis.File
	// resolved caches the Index's resolution of each import statement.
	resolved map[*analysis.Import]*imports.Resolution
	// lookups caches what a name of a workspace module denotes (imports.LookupIn).
	lookups map[string]value
	// imported caches what an import binding denotes.
	imported map[*analysis.Binding]importedValue
	// classes caches the class model of each module reached; mros the C3 order of
	// each class.
	classes map[*analysis.Module]*ModuleClasses
	mros    map[*analysis.Class]mroResult
	depth   int
}

// maxResolveDepth bounds how far names are followed (re-exports, bases, imports), so
// that cycles and pathological chains end quickly.
const maxResolveDepth = 12

// NewCoroutines returns the coroutine knowledge of module m, the file at path (which
// may be "" for documents that are not files). ix may be nil: then imported names are
// judged only by the table of standard-library coroutine functions.
func NewCoroutines(m *analysis.Module, ix *analysis.Index, path string) *Coroutines {
	return &Coroutines{m: m, ix: ix, path: path,
		funcs: map[*analysis.Module]map[syntax.NodeID]*analysis.Function{}, paths: map[*analysis.Module]string{m: path},
		resolved: map[*analysis.Import]*imports.Resolution{}, lookups: map[string]value{},
		imported: map[*analysis.Binding]importedValue{}, classes: map[*analysis.Module]*ModuleClasses{},
		mros: map[*analysis.Class]mroResult{}}
}

// CoroutinesOf returns the coroutine knowledge for the file a rule is checking. It is
// made once per check and shared by the rules of that check (through Context.Memo), so
// that an import is resolved once, not once per asyncio rule.
func CoroutinesOf(c *analysis.Context) *Coroutines {
	return c.Memo("Coroutines", func() any {
		path := ""
		if c.File != nil {
			path = c.File.Path
		}
		co := NewCoroutines(c.Module, c.Index, path)
		co.file = c.File
		return co
	}).(*Coroutines)
}

// IsCoroutineCall reports whether call (a "call" node of the module) surely creates a
// coroutine, and returns the callee as written (e.g. "fetch", "self.load",
// "asyncio.sleep") for messages.
func (c *Coroutines) IsCoroutineCall(call syntax.NodeID) (string, bool) {
	t := c.m.Tree
	if call == syntax.NoNode || t.Type(call) != "call" {
		return "", false
	}
	fn := t.ChildByField(call, "function")
	if fn == syntax.NoNode {
		return "", false
	}
	// a generator expression argument `f(x for x in y)` is still a call
	v := c.eval(c.m, c.m.ScopeOf(fn), fn)
	if v.isCoroutineFunction() {
		return t.Text(fn), true
	}
	return "", false
}

// IsCoroutineFunctionExpr reports whether the expression e (a name or attribute) surely
// evaluates to a coroutine function, and returns its spelling. It is what
// `asyncio.run(main)` is given when the call parentheses were forgotten.
func (c *Coroutines) IsCoroutineFunctionExpr(e syntax.NodeID) (string, bool) {
	t := c.m.Tree
	e = analysis.SkipParens(t, e)
	if e == syntax.NoNode {
		return "", false
	}
	switch t.Type(e) {
	case "identifier", "attribute":
	default:
		return "", false
	}
	v := c.eval(c.m, c.m.ScopeOf(e), e)
	if v.isCoroutineFunction() {
		return t.Text(e), true
	}
	return "", false
}

// QualifiedName returns the dotted name that expression e (a name or attribute chain)
// denotes through the module's absolute imports, with asyncio's submodules folded into
// the package ("asyncio.tasks.sleep" → "asyncio.sleep"); "" when e is not imported
// from a module by an absolute import.
func (c *Coroutines) QualifiedName(e syntax.NodeID) string {
	e = analysis.SkipParens(c.m.Tree, e)
	if e == syntax.NoNode {
		return ""
	}
	// only names and attribute chains rooted in a name that is not a parameter can
	// denote something imported: skip the work for calls, self.x.y and the like
	t := c.m.Tree
	root := e
	for t.Type(root) == "attribute" {
		root = analysis.SkipParens(t, t.ChildByField(root, "object"))
	}
	if root == syntax.NoNode || t.Type(root) != "identifier" {
		return ""
	}
	scope := c.m.ScopeOf(e)
	if _, bs := c.m.Lookup(scope, t.Text(root)); len(bs) == 0 || bs[0].Kind == analysis.BindParam {
		return ""
	}
	// by spelling alone: asyncio's own names stay "asyncio.run" even when the Index
	// could follow them into the workspace's copy of asyncio
	plain := *c
	plain.ix = nil
	v := plain.eval(c.m, scope, e)
	if v.kind == valQual || v.kind == valModule {
		return v.qual
	}
	return ""
}

// IsEventLoopExpr reports whether e surely is an asyncio event loop: a call of
// asyncio.get_event_loop / get_running_loop / new_event_loop, or a name bound to one
// in the same scope.
func (c *Coroutines) IsEventLoopExpr(e syntax.NodeID) bool {
	e = analysis.SkipParens(c.m.Tree, e)
	if e == syntax.NoNode {
		return false
	}
	v := c.eval(c.m, c.m.ScopeOf(e), e)
	return v.kind == valInstance && v.qual == loopClass
}

// importedValue is a cached resolution of an import binding.
type importedValue struct {
	v  value
	ok bool
}

// valueKind says what an expression was found to denote.
type valueKind int

const (
	valUnknown   valueKind = iota
	valFunction            // a def in some module
	valClass               // a class in some module
	valModule              // a module (qual set; mod set when it is a workspace file)
	valQual                // something imported by absolute name that is not a workspace file
	valInstance            // an instance of the well-known class qual
	valSuper               // super() inside class cls
	valSelf                // an instance of the workspace class cls: self, Foo(), an annotated name
	valCoroutine           // a coroutine object (qual: what made it, for messages): an async property read
)

// value is what an expression denotes, as far as pyward can tell.
type value struct {
	kind  valueKind
	fn    *analysis.Function
	cls   *analysis.Class
	mod   *analysis.Module // the module fn / cls / the module value lives in
	qual  string
	pm    *pathing.Module // the resolved module of a valModule, when the Index found it
	bound bool            // fn reached through an instance or class (a method)
	// sfn is set instead of fn (and mod) for a function defined at the top level of
	// a module the Index holds: its summary is enough to tell whether it is a
	// coroutine function; the module is parsed only when its return annotation is
	// needed (materialize). spath is the module's file, sname the function's name.
	// A class of such a module is held the same way (kind valClass, cls nil, spath and
	// sname set) until its model is needed (materializeClass).
	sfn   *analysis.SummaryFunction
	spath string
	sname string
}

func (v value) isCoroutineFunction() bool {
	switch v.kind {
	case valFunction:
		return v.coroutineDef()
	case valQual:
		return stdlibCoroutineFunctions[v.qual]
	}
	return false
}

// isCoroutineDef reports whether calling f surely creates a coroutine: an async def
// that is not an async generator, whose decorators are all known to keep it so.
func isCoroutineDef(f *analysis.Function, m *analysis.Module) bool {
	if f == nil || !f.IsCoroutineFunction() {
		return false
	}
	for _, d := range f.Decorators {
		if !keepsCoroutine(m, d) {
			return false
		}
	}
	return true
}

// coroutineDef is isCoroutineDef for a valFunction, from its summary when it has one.
func (v value) coroutineDef() bool {
	if v.fn == nil && v.sfn != nil {
		return summaryCoroutineDef(v.sfn)
	}
	return isCoroutineDef(v.fn, v.mod)
}

// summaryCoroutineDef is isCoroutineDef read from a function's summary.
func summaryCoroutineDef(f *analysis.SummaryFunction) bool {
	if f == nil || !f.IsCoroutineFunction() {
		return false
	}
	for i, d := range f.Decorators {
		if d != "" {
			if !keepingDecorators[d] {
				return false
			}
			continue
		}
		switch f.DecoratorCalls[i] {
		case "wraps", "functools.wraps":
		default:
			return false
		}
	}
	return true
}

// keepingDecorators are decorators that return the function itself or a wrapper with
// the same coroutine-ness.
var keepingDecorators = map[string]bool{
	"staticmethod": true, "classmethod": true,
	"abstractmethod": true, "abc.abstractmethod": true,
	"override": true, "typing.override": true, "typing_extensions.override": true,
	"final": true, "typing.final": true, "typing_extensions.final": true,
	"overload": true, "typing.overload": true,
	"no_type_check": true, "typing.no_type_check": true,
}

// keepsCoroutine reports whether decorator d keeps an async def a coroutine function:
// the table above, and functools.wraps(...) (which only copies metadata).
func keepsCoroutine(m *analysis.Module, d analysis.Expr) bool {
	if d.Dotted != "" {
		return keepingDecorators[d.Dotted]
	}
	t := m.Tree
	if d.Node != syntax.NoNode && t.Type(d.Node) == "call" {
		switch analysis.DottedName(t, t.ChildByField(d.Node, "function")) {
		case "wraps", "functools.wraps":
			return true
		}
	}
	return false
}

// functionAt returns the Function defined by node def in module m.
func (c *Coroutines) functionAt(m *analysis.Module, def syntax.NodeID) *analysis.Function {
	idx, ok := c.funcs[m]
	if !ok {
		idx = make(map[syntax.NodeID]*analysis.Function, len(m.Functions))
		for _, f := range m.Functions {
			idx[f.Node] = f
		}
		c.funcs[m] = idx
	}
	return idx[def]
}

// classAt returns the Class defined by node def in module m.
func classAt(m *analysis.Module, def syntax.NodeID) *analysis.Class {
	for _, cl := range m.Classes {
		if cl.Node == def {
			return cl
		}
	}
	return nil
}
