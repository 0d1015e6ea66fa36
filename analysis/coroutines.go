package analysis

import (
	"strings"

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
	m    *Module
	ix   *Index
	path string
	// funcs maps the definition node of each function in a module to its Function.
	funcs map[*Module]map[syntax.NodeID]*Function
	// paths records the file of each workspace module reached through imports.
	paths map[*Module]string
	// file is the checked file (for its Notebook flag), when known.
	file *File
	// resolved caches the Index's resolution of each import statement.
	resolved map[*Import]*ImportResolution
	// lookups caches what a name of a workspace module denotes (Index.LookupIn).
	lookups map[string]value
	// imported caches what an import binding denotes.
	imported map[*Binding]importedValue
	depth    int
}

// maxResolveDepth bounds how far names are followed (re-exports, bases, imports), so
// that cycles and pathological chains end quickly.
const maxResolveDepth = 12

// NewCoroutines returns the coroutine knowledge of module m, the file at path (which
// may be "" for documents that are not files). ix may be nil: then imported names are
// judged only by the table of standard-library coroutine functions.
func NewCoroutines(m *Module, ix *Index, path string) *Coroutines {
	return &Coroutines{m: m, ix: ix, path: path,
		funcs: map[*Module]map[syntax.NodeID]*Function{}, paths: map[*Module]string{m: path},
		resolved: map[*Import]*ImportResolution{}, lookups: map[string]value{},
		imported: map[*Binding]importedValue{}}
}

// CoroutinesOf returns the coroutine knowledge for the file a rule is checking. It is
// made once per check and shared by the rules of that check (through Context.Memo), so
// that an import is resolved once, not once per asyncio rule.
func CoroutinesOf(c *Context) *Coroutines {
	return c.Memo("analysis.Coroutines", func() any {
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
	e = SkipParens(t, e)
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
	e = SkipParens(c.m.Tree, e)
	if e == syntax.NoNode {
		return ""
	}
	// by spelling alone: asyncio's own names stay "asyncio.run" even when the Index
	// could follow them into the workspace's copy of asyncio
	plain := *c
	plain.ix = nil
	v := plain.eval(c.m, c.m.ScopeOf(e), e)
	if v.kind == valQual || v.kind == valModule {
		return v.qual
	}
	return ""
}

// IsEventLoopExpr reports whether e surely is an asyncio event loop: a call of
// asyncio.get_event_loop / get_running_loop / new_event_loop, or a name bound to one
// in the same scope.
func (c *Coroutines) IsEventLoopExpr(e syntax.NodeID) bool {
	e = SkipParens(c.m.Tree, e)
	if e == syntax.NoNode {
		return false
	}
	v := c.eval(c.m, c.m.ScopeOf(e), e)
	return v.kind == valInstance && v.qual == loopClass
}

// SkipParens returns the expression inside any parentheses around n.
func SkipParens(t *syntax.Tree, n syntax.NodeID) syntax.NodeID {
	for n != syntax.NoNode && t.Type(n) == "parenthesized_expression" {
		kids := t.NamedChildren(n)
		if len(kids) != 1 {
			return n
		}
		n = kids[0]
	}
	return n
}

// ParentSkippingParens returns the nearest ancestor of n that is not a parenthesized
// expression, and the child of it on the way to n.
func ParentSkippingParens(t *syntax.Tree, n syntax.NodeID) (parent, child syntax.NodeID) {
	child = n
	parent = t.Parent(n)
	for parent != syntax.NoNode && t.Type(parent) == "parenthesized_expression" {
		child = parent
		parent = t.Parent(parent)
	}
	return parent, child
}

// importedValue is a cached resolution of an import binding.
type importedValue struct {
	v  value
	ok bool
}

// valueKind says what an expression was found to denote.
type valueKind int

const (
	valUnknown  valueKind = iota
	valFunction           // a def in some module
	valClass              // a class in some module
	valModule             // a module (qual set; mod set when it is a workspace file)
	valQual               // something imported by absolute name that is not a workspace file
	valInstance           // an instance of the well-known class qual
	valSuper              // super() inside class cls
	valSelf               // self / cls inside a method of cls
)

// value is what an expression denotes, as far as pyward can tell.
type value struct {
	kind  valueKind
	fn    *Function
	cls   *Class
	mod   *Module // the module fn / cls / the module value lives in
	qual  string
	pm    *pathing.Module // the resolved module of a valModule, when the Index found it
	bound bool            // fn reached through an instance or class (a method)
}

func (v value) isCoroutineFunction() bool {
	switch v.kind {
	case valFunction:
		return isCoroutineDef(v.fn, v.mod)
	case valQual:
		return stdlibCoroutineFunctions[v.qual]
	}
	return false
}

// isCoroutineDef reports whether calling f surely creates a coroutine: an async def
// that is not an async generator, whose decorators are all known to keep it so.
func isCoroutineDef(f *Function, m *Module) bool {
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
func keepsCoroutine(m *Module, d Expr) bool {
	if d.Dotted != "" {
		return keepingDecorators[d.Dotted]
	}
	t := m.Tree
	if d.Node != syntax.NoNode && t.Type(d.Node) == "call" {
		switch DottedName(t, t.ChildByField(d.Node, "function")) {
		case "wraps", "functools.wraps":
			return true
		}
	}
	return false
}

// functionAt returns the Function defined by node def in module m.
func (c *Coroutines) functionAt(m *Module, def syntax.NodeID) *Function {
	idx, ok := c.funcs[m]
	if !ok {
		idx = make(map[syntax.NodeID]*Function, len(m.Functions))
		for _, f := range m.Functions {
			idx[f.Node] = f
		}
		c.funcs[m] = idx
	}
	return idx[def]
}

// classAt returns the Class defined by node def in module m.
func classAt(m *Module, def syntax.NodeID) *Class {
	for _, cl := range m.Classes {
		if cl.Node == def {
			return cl
		}
	}
	return nil
}

// eval finds what expression e, read in scope s of module m, denotes.
func (c *Coroutines) eval(m *Module, s *Scope, e syntax.NodeID) value {
	if c.depth > maxResolveDepth {
		return value{}
	}
	c.depth++
	defer func() { c.depth-- }()
	t := m.Tree
	e = SkipParens(t, e)
	switch t.Type(e) {
	case "identifier":
		return c.evalName(m, s, t.Text(e))
	case "attribute":
		obj := t.ChildByField(e, "object")
		attr := t.ChildByField(e, "attribute")
		if obj == syntax.NoNode || attr == syntax.NoNode {
			return value{}
		}
		return c.member(c.eval(m, s, obj), t.Text(attr))
	case "call":
		fn := SkipParens(t, t.ChildByField(e, "function"))
		if fn == syntax.NoNode {
			return value{}
		}
		if t.Type(fn) == "identifier" && t.Text(fn) == "super" {
			if len(t.NamedChildren(t.ChildByField(e, "arguments"))) == 0 {
				if cl := s.EnclosingClass(); cl != nil && s.EnclosingFunction() != nil {
					return value{kind: valSuper, cls: cl, mod: m}
				}
			}
			return value{}
		}
		callee := c.eval(m, s, fn)
		switch callee.kind {
		case valClass:
			// Class(...) gives an instance of Class, unless something may change that
			if plainClass(callee.mod, callee.cls) {
				return value{kind: valSelf, cls: callee.cls, mod: callee.mod}
			}
		case valQual:
			if cls, ok := stdlibInstanceOf[callee.qual]; ok {
				return value{kind: valInstance, qual: cls}
			}
		}
		return value{}
	case "await":
		// `await asyncio.create_subprocess_exec(...)` gives a Process, and so on
		kids := t.NamedChildren(e)
		if len(kids) == 1 && t.Type(kids[0]) == "call" {
			callee := c.eval(m, s, t.ChildByField(kids[0], "function"))
			if callee.kind == valQual {
				if cls, ok := stdlibAwaitedInstanceOf[callee.qual]; ok {
					return value{kind: valInstance, qual: cls}
				}
			}
		}
	}
	return value{}
}

// evalName finds what name, read in scope s of module m, denotes.
func (c *Coroutines) evalName(m *Module, s *Scope, name string) value {
	if c.depth > maxResolveDepth {
		return value{}
	}
	c.depth++
	defer func() { c.depth-- }()
	sc, bs := m.Lookup(s, name)
	if len(bs) == 0 {
		return value{}
	}
	// self / cls: the first parameter of a method (also inside closures within it)
	if len(bs) == 1 && bs[0].Kind == BindParam && sc.Function != nil {
		f := sc.Function
		if f.Class != nil && len(f.Params) > 0 && f.Params[0] == name && f.Scope.Kind == FunctionScope && !hasDecorator(f, "staticmethod") {
			return value{kind: valSelf, cls: f.Class, mod: m}
		}
		return value{}
	}
	var out value
	for i, b := range bs {
		v := c.evalBinding(m, s, sc, b, len(bs))
		if v.kind == valUnknown {
			return value{}
		}
		if i == 0 {
			out = v
			continue
		}
		// several bindings: they must agree (all coroutine functions, or all the same thing)
		if v.kind != out.kind {
			return value{}
		}
		switch v.kind {
		case valFunction:
			if isCoroutineDef(v.fn, v.mod) != isCoroutineDef(out.fn, out.mod) {
				return value{}
			}
		default:
			if v.qual != out.qual || v.cls != out.cls || v.mod != out.mod {
				return value{}
			}
		}
	}
	return out
}

// hasDecorator reports whether f is decorated with the plain name d.
func hasDecorator(f *Function, d string) bool {
	for _, e := range f.Decorators {
		if e.Dotted == d {
			return true
		}
	}
	return false
}

// evalBinding finds what one binding of a name denotes. use is the scope where the name
// is read, sc the scope that binds it, n the number of its bindings there.
func (c *Coroutines) evalBinding(m *Module, use, sc *Scope, b *Binding, n int) value {
	t := m.Tree
	switch b.Kind {
	case BindDef:
		if f := c.functionAt(m, b.Def); f != nil {
			return value{kind: valFunction, fn: f, mod: m}
		}
	case BindClass:
		if cl := classAt(m, b.Def); cl != nil {
			return value{kind: valClass, cls: cl, mod: m}
		}
	case BindImport:
		return c.evalImport(m, b, n == 1)
	case BindAssign:
		// instances of well-known classes created in the same scope:
		// q = asyncio.Queue(), loop = asyncio.get_running_loop(),
		// reader, writer = await asyncio.open_connection(...)
		if use != sc || b.Def == syntax.NoNode || t.Type(b.Def) != "assignment" {
			return value{}
		}
		left, right := t.ChildByField(b.Def, "left"), t.ChildByField(b.Def, "right")
		if left == syntax.NoNode || right == syntax.NoNode {
			return value{}
		}
		if left == b.Node {
			return c.eval(m, sc, right)
		}
		// tuple unpacking of open_connection's (reader, writer)
		if tt := t.Type(left); tt == "pattern_list" || tt == "tuple_pattern" {
			targets := t.NamedChildren(left)
			r := SkipParens(t, right)
			if len(targets) == 2 && t.Type(r) == "await" {
				kids := t.NamedChildren(r)
				if len(kids) == 1 && t.Type(kids[0]) == "call" {
					callee := c.eval(m, sc, t.ChildByField(kids[0], "function"))
					if callee.kind == valQual && streamPairFunctions[callee.qual] {
						if targets[0] == b.Node {
							return value{kind: valInstance, qual: "asyncio.StreamReader"}
						}
						if targets[1] == b.Node {
							return value{kind: valInstance, qual: "asyncio.StreamWriter"}
						}
					}
				}
			}
		}
	}
	return value{}
}

// evalImport finds what an import binding denotes: a workspace module or one of its
// names when the Index can resolve it, else the absolute qualified name.
func (c *Coroutines) evalImport(m *Module, b *Binding, only bool) value {
	imp, in := b.Import, b.ImportName
	if imp == nil || in == nil || len(in.Path) == 0 {
		return value{}
	}
	if v, ok := c.resolveWorkspaceImport(m, b, only); ok {
		return v
	}
	if imp.Dots > 0 {
		return value{}
	}
	if !imp.From {
		// import a.b.c binds a (the module a); import a.b.c as x binds a.b.c
		if in.Alias != nil {
			return value{kind: valModule, qual: foldAsyncio(joinSegs(in.Path))}
		}
		return value{kind: valModule, qual: in.Path[0].Name}
	}
	if len(imp.Module) == 0 {
		return value{}
	}
	return value{kind: valQual, qual: foldAsyncio(joinSegs(imp.Module) + "." + in.Path[0].Name)}
}

func joinSegs(segs []Segment) string {
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = s.Name
	}
	return strings.Join(parts, ".")
}

// member finds what attribute name of value v denotes.
func (c *Coroutines) member(v value, name string) value {
	switch v.kind {
	case valModule:
		if v.qual == "" { // a module reached by a relative import
			return c.moduleMember(v, name)
		}
		q := foldAsyncio(v.qual + "." + name)
		if known(q) {
			return value{kind: valQual, qual: q}
		}
		if r := c.moduleMember(v, name); r.kind != valUnknown {
			return r
		}
		if sub, ok := c.absoluteModule(q); ok {
			return sub
		}
		return value{kind: valQual, qual: q}
	case valQual:
		// an attribute of something imported by name: a submodule or a class attribute
		return value{kind: valQual, qual: foldAsyncio(v.qual + "." + name)}
	case valInstance:
		if stdlibCoroutineMethods[v.qual+"."+name] {
			return value{kind: valQual, qual: v.qual + "." + name}
		}
		return value{}
	case valClass, valSelf:
		return c.classMember(v.mod, v.cls, name, 0)
	case valSuper:
		return c.baseMember(v.mod, v.cls, name, 0)
	}
	return value{}
}

// moduleMember finds what name bound at the top level of the workspace module v denotes
// (through star imports when the Index can follow them).
func (c *Coroutines) moduleMember(v value, name string) value {
	if v.mod != nil && len(v.mod.Scope.Bindings[name]) > 0 {
		return c.topLevel(v.mod, name)
	}
	if c.ix == nil || v.pm == nil {
		return value{}
	}
	key := v.pm.Path + "\x00" + v.pm.Name + "\x00" + name
	if r, ok := c.lookups[key]; ok {
		return r
	}
	c.lookups[key] = value{} // a cycle back here is unknown
	var r value
	if t, ok := c.ix.LookupIn(*v.pm, name); ok {
		r, _ = c.targetValue("", t)
	}
	c.lookups[key] = r
	return r
}

// known reports whether the qualified name q is in the standard-library tables.
func known(q string) bool {
	if stdlibCoroutineFunctions[q] {
		return true
	}
	_, ok := stdlibInstanceOf[q]
	return ok
}

// topLevel finds what the module-level name denotes in module m (a workspace module).
func (c *Coroutines) topLevel(m *Module, name string) value {
	if len(m.Scope.Bindings[name]) == 0 {
		return value{}
	}
	return c.evalName(m, m.Scope, name)
}

// classMember looks name up in class cl (defined in module m) and then its bases.
func (c *Coroutines) classMember(m *Module, cl *Class, name string, depth int) value {
	if cl == nil || depth > maxResolveDepth {
		return value{}
	}
	if bs := cl.Scope.Bindings[name]; len(bs) > 0 {
		// an instance attribute of the same name (self.name = ...) may shadow it
		if len(cl.Members[name]) > len(bs) {
			return value{}
		}
		v := c.evalName(m, cl.Scope, name)
		if v.kind == valFunction {
			v.bound = true
		}
		return v
	}
	if len(cl.Members[name]) > 0 {
		return value{} // only set on instances: anything
	}
	return c.baseMember(m, cl, name, depth)
}

// baseMember looks name up in the bases of cl, in order (depth first, an approximation
// of the MRO); an unresolvable base before the one defining name makes it unknown.
func (c *Coroutines) baseMember(m *Module, cl *Class, name string, depth int) value {
	if cl == nil || depth > maxResolveDepth {
		return value{}
	}
	outer := cl.Scope.Parent
	if outer == nil {
		outer = m.Scope
	}
	for _, base := range cl.Bases {
		if base.Dotted == "" || base.Dotted == "object" {
			continue
		}
		bv := c.eval(m, outer, base.Node)
		if bv.kind != valClass {
			return value{}
		}
		if v := c.classMember(bv.mod, bv.cls, name, depth+1); v.kind != valUnknown {
			return v
		}
		if classDefines(bv.cls, name) {
			return value{}
		}
	}
	return value{}
}

// classDecoratorsKeeping are class decorators that return the class itself.
var classDecoratorsKeeping = map[string]bool{
	"dataclass": true, "dataclasses.dataclass": true, "final": true, "typing.final": true,
	"total_ordering": true, "functools.total_ordering": true,
}

// plainClass reports whether calling cl surely makes an instance of cl: no metaclass,
// no __new__, and only decorators that return the class.
func plainClass(m *Module, cl *Class) bool {
	if cl == nil || len(cl.Keywords) > 0 || len(cl.Scope.Bindings["__new__"]) > 0 {
		return false
	}
	for _, d := range cl.Decorators {
		name := d.Dotted
		if name == "" && d.Node != syntax.NoNode && m.Tree.Type(d.Node) == "call" {
			name = DottedName(m.Tree, m.Tree.ChildByField(d.Node, "function"))
		}
		if !classDecoratorsKeeping[name] {
			return false
		}
	}
	return true
}

// classDefines reports whether cl binds name in its body or on its instances.
func classDefines(cl *Class, name string) bool {
	return len(cl.Scope.Bindings[name]) > 0 || len(cl.Members[name]) > 0
}

// asyncioSubmodules are asyncio's modules whose public names asyncio re-exports.
var asyncioSubmodules = map[string]bool{
	"base_events": true, "coroutines": true, "events": true, "exceptions": true, "futures": true,
	"locks": true, "protocols": true, "queues": true, "runners": true, "streams": true,
	"subprocess": true, "taskgroups": true, "tasks": true, "threads": true, "timeouts": true,
	"transports": true,
}

// foldAsyncio turns asyncio.tasks.sleep into asyncio.sleep.
func foldAsyncio(q string) string {
	parts := strings.Split(q, ".")
	if len(parts) >= 3 && parts[0] == "asyncio" && asyncioSubmodules[parts[1]] {
		return "asyncio." + strings.Join(parts[2:], ".")
	}
	return q
}

// stdlibCoroutineFunctions are well-known standard-library coroutine functions, and
// coroutine methods of well-known classes (Class.method), by qualified name.
var stdlibCoroutineFunctions = map[string]bool{
	"asyncio.sleep":                   true,
	"asyncio.wait_for":                true,
	"asyncio.wait":                    true,
	"asyncio.open_connection":         true,
	"asyncio.start_server":            true,
	"asyncio.open_unix_connection":    true,
	"asyncio.start_unix_server":       true,
	"asyncio.create_subprocess_exec":  true,
	"asyncio.create_subprocess_shell": true,
	"asyncio.to_thread":               true,
}

// stdlibCoroutineMethods are coroutine methods of well-known classes, on instances.
var stdlibCoroutineMethods = map[string]bool{}

// loopClass names asyncio's event loop in the instance tables.
const loopClass = "asyncio.AbstractEventLoop"

func init() {
	methods := map[string][]string{
		"asyncio.Queue":            {"get", "put", "join"},
		"asyncio.PriorityQueue":    {"get", "put", "join"},
		"asyncio.LifoQueue":        {"get", "put", "join"},
		"asyncio.Lock":             {"acquire"},
		"asyncio.Event":            {"wait"},
		"asyncio.Condition":        {"wait", "wait_for", "acquire"},
		"asyncio.Semaphore":        {"acquire"},
		"asyncio.BoundedSemaphore": {"acquire"},
		"asyncio.Barrier":          {"wait", "reset", "abort"},
		"asyncio.StreamReader":     {"read", "readline", "readexactly", "readuntil"},
		"asyncio.StreamWriter":     {"drain", "wait_closed", "start_tls"},
		"asyncio.Process":          {"wait", "communicate"},
		loopClass: {"sock_recv", "sock_recv_into", "sock_recvfrom", "sock_recvfrom_into", "sock_sendall",
			"sock_sendto", "sock_connect", "sock_accept", "sock_sendfile", "create_connection",
			"create_server", "create_unix_connection", "create_unix_server", "create_datagram_endpoint",
			"getaddrinfo", "getnameinfo", "connect_read_pipe", "connect_write_pipe", "subprocess_exec",
			"subprocess_shell", "shutdown_asyncgens", "shutdown_default_executor", "sendfile",
			"start_tls", "connect_accepted_socket"},
	}
	for cls, ms := range methods {
		for _, m := range ms {
			stdlibCoroutineMethods[cls+"."+m] = true
			// Class.method(instance) through the class is the same coroutine function
			stdlibCoroutineFunctions[cls+"."+m] = true
		}
	}
}

// stdlibInstanceOf maps a well-known constructor or factory to the class of what
// calling it returns.
var stdlibInstanceOf = map[string]string{
	"asyncio.Queue":            "asyncio.Queue",
	"asyncio.PriorityQueue":    "asyncio.PriorityQueue",
	"asyncio.LifoQueue":        "asyncio.LifoQueue",
	"asyncio.Lock":             "asyncio.Lock",
	"asyncio.Event":            "asyncio.Event",
	"asyncio.Condition":        "asyncio.Condition",
	"asyncio.Semaphore":        "asyncio.Semaphore",
	"asyncio.BoundedSemaphore": "asyncio.BoundedSemaphore",
	"asyncio.Barrier":          "asyncio.Barrier",
	"asyncio.StreamReader":     "asyncio.StreamReader",
	"asyncio.get_event_loop":   loopClass,
	"asyncio.get_running_loop": loopClass,
	"asyncio.new_event_loop":   loopClass,
}

// stdlibAwaitedInstanceOf maps a well-known coroutine function to the class of what
// awaiting its coroutine gives.
var stdlibAwaitedInstanceOf = map[string]string{
	"asyncio.create_subprocess_exec":  "asyncio.Process",
	"asyncio.create_subprocess_shell": "asyncio.Process",
}

// streamPairFunctions give a (StreamReader, StreamWriter) pair when awaited.
var streamPairFunctions = map[string]bool{
	"asyncio.open_connection":      true,
	"asyncio.open_unix_connection": true,
}

// resolveWorkspaceImport follows an import binding into the workspace through the
// Index (Index.ResolveImport: relative and absolute imports, re-exports, star imports
// honouring __all__): `from .m import f` to the def of f, `import pkg.m as x` to the
// module. ok is false when there is no Index or the import does not resolve; names in
// the standard-library tables are left to them.
func (c *Coroutines) resolveWorkspaceImport(m *Module, b *Binding, only bool) (value, bool) {
	if c.ix == nil || c.ix.Resolver == nil {
		return value{}, false
	}
	imp, in := b.Import, b.ImportName
	qual := ""
	if imp.Dots == 0 {
		if imp.From {
			qual = foldAsyncio(joinSegs(imp.Module) + "." + in.Path[0].Name)
		} else if in.Alias != nil {
			qual = foldAsyncio(joinSegs(in.Path))
		} else {
			qual = in.Path[0].Name
		}
		if known(qual) {
			return value{}, false
		}
	}
	f := c.file
	if m != c.m || f == nil {
		f = &File{Path: c.paths[m], Module: m}
	}
	if only && b.Scope != nil {
		// the only binding of its name in its scope: resolve just this name, not every
		// name of the statement, once
		if r, ok := c.imported[b]; ok {
			return r.v, r.ok
		}
		c.imported[b] = importedValue{} // a cycle back here is unknown
		var r importedValue
		if t, ok := c.ix.ResolveNameTarget(f, b.Name, b.Scope); ok {
			r.v, r.ok = c.targetValue(qual, t)
		}
		c.imported[b] = r
		return r.v, r.ok
	}
	res, ok := c.resolved[imp]
	if !ok {
		res = c.ix.ResolveImport(f, imp)
		c.resolved[imp] = res
	}
	if res == nil {
		return value{}, false
	}
	for _, nr := range res.Names {
		if nr.Name != in || !nr.Found {
			continue
		}
		if !imp.From && in.Alias == nil {
			// import a.b.c binds a: the module of the first segment
			if len(nr.Segments) == 0 {
				return value{}, false
			}
			return c.moduleValue(qual, nr.Segments[0].Module), true
		}
		return c.targetValue(qual, nr.Target)
	}
	return value{}, false
}

// targetValue is the value of an Index target: a module, or the final binding of a name.
func (c *Coroutines) targetValue(qual string, t Target) (value, bool) {
	if t.IsModule() {
		return c.moduleValue(qual, t.Module), true
	}
	if t.File == nil || t.Binding == nil || t.Binding.Scope == nil {
		return value{}, false
	}
	c.remember(t.File, t.Path)
	return c.evalName(t.File, t.Binding.Scope, t.Binding.Name), true
}

// absoluteModule resolves the dotted module name q through the Index, as a module value.
func (c *Coroutines) absoluteModule(q string) (value, bool) {
	if c.ix == nil || c.ix.Resolver == nil || q == "" {
		return value{}, false
	}
	names := strings.Split(q, ".")
	segs, err := c.ix.Resolver.ResolveAbsolute(names, c.ix.Roots())
	if err != nil || len(segs) != len(names) {
		return value{}, false
	}
	return c.moduleValue(q, segs[len(segs)-1]), true
}

// moduleValue is the value of a resolved module: its parsed source when it has one.
func (c *Coroutines) moduleValue(qual string, pm pathing.Module) value {
	return value{kind: valModule, qual: qual, mod: c.load(pm), pm: &pm}
}

// load returns the parsed source of a resolved module (nil for namespace packages,
// extensions and stub-only modules), remembering its path for relative imports in it.
func (c *Coroutines) load(pm pathing.Module) *Module {
	if pm.Path == "" || !(strings.HasSuffix(pm.Path, ".py") || strings.HasSuffix(pm.Path, ".pyw")) {
		return nil
	}
	mod, err := c.ix.Module(pm.Path)
	if err != nil {
		return nil
	}
	c.remember(mod, pm.Path)
	return mod
}

// remember records the path of a module reached through the Index.
func (c *Coroutines) remember(m *Module, path string) {
	if _, ok := c.paths[m]; !ok && path != "" {
		c.paths[m] = path
	}
}
