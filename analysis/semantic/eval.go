package semantic

import (
	"slices"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/syntax"
)

// eval finds what expression e, read in scope s of module m, denotes.
func (c *Coroutines) eval(m *analysis.Module, s *analysis.Scope, e syntax.NodeID) value {
	if c.depth > maxResolveDepth {
		return value{}
	}
	c.depth++
	defer func() { c.depth-- }()
	t := m.Tree
	e = analysis.SkipParens(t, e)
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
		fn := analysis.SkipParens(t, t.ChildByField(e, "function"))
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
		// Class(...) gives an instance of Class, unless something may change that;
		// f(...) what f's return annotation states
		return c.instanceOf(c.eval(m, s, fn), true)
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
			if callee.kind == valFunction {
				return c.awaited(callee)
			}
		}
	}
	return value{}
}

// evalName finds what name, read in scope s of module m, denotes.
func (c *Coroutines) evalName(m *analysis.Module, s *analysis.Scope, name string) value {
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
	if len(bs) == 1 && bs[0].Kind == analysis.BindParam && sc.Function != nil {
		f := sc.Function
		if f.Class != nil && len(f.Params) > 0 && f.Params[0] == name && f.Scope.Kind == analysis.FunctionScope && !hasDecorator(f, "staticmethod") {
			if hasDecorator(f, "classmethod") {
				return value{kind: valClass, cls: f.Class, mod: m}
			}
			return value{kind: valSelf, cls: f.Class, mod: m}
		}
		// a parameter annotated with a class: an instance of it
		return c.paramValue(m, f, bs[0])
	}
	var out value
	for i, b := range bs {
		v := c.evalBinding(m, s, sc, b, len(bs))
		if len(bs) > 1 {
			v = c.materializeClass(v) // bindings agree on the class itself, not on its summary
		}
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
			if v.coroutineDef() != out.coroutineDef() {
				return value{}
			}
		default:
			if v.qual != out.qual || v.cls != out.cls || v.mod != out.mod || v.kind == valModule && moduleSource(v.pm) != moduleSource(out.pm) {
				return value{}
			}
		}
	}
	return out
}

// hasDecorator reports whether f is decorated with the plain name d.
func hasDecorator(f *analysis.Function, d string) bool {
	for _, e := range f.Decorators {
		if e.Dotted == d {
			return true
		}
	}
	return false
}

// evalBinding finds what one binding of a name denotes. use is the scope where the name
// is read, sc the scope that binds it, n the number of its bindings there.
func (c *Coroutines) evalBinding(m *analysis.Module, use, sc *analysis.Scope, b *analysis.Binding, n int) value {
	t := m.Tree
	switch b.Kind {
	case analysis.BindDef:
		if f := c.functionAt(m, b.Def); f != nil {
			return value{kind: valFunction, fn: f, mod: m}
		}
	case analysis.BindClass:
		if cl := classAt(m, b.Def); cl != nil {
			return value{kind: valClass, cls: cl, mod: m}
		}
	case analysis.BindImport:
		return c.evalImport(m, b, n == 1)
	case analysis.BindAssign:
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
			// x: Client = make(): the annotation states the class
			if ann := annotationName(t, t.ChildByField(b.Def, "type")); ann != "" {
				return c.instanceOf(c.evalDotted(m, sc, ann), false)
			}
			return c.eval(m, sc, right)
		}
		// tuple unpacking of open_connection's (reader, writer)
		if tt := t.Type(left); tt == "pattern_list" || tt == "tuple_pattern" {
			targets := t.NamedChildren(left)
			r := analysis.SkipParens(t, right)
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
func (c *Coroutines) evalImport(m *analysis.Module, b *analysis.Binding, only bool) value {
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

func joinSegs(segs []analysis.Segment) string {
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
		v = c.materializeClass(v)
		return c.classMember(v.mod, v.cls, name, v.kind == valSelf, 0)
	case valSuper:
		return c.classMember(v.mod, v.cls, name, true, 1)
	}
	return value{}
}

// moduleMember finds what name bound at the top level of the workspace module v denotes
// (through star imports when the Index can follow them).
func (c *Coroutines) moduleMember(v value, name string) value {
	if v.mod != nil && len(v.mod.Scope.Bindings.Lookup(name)) > 0 {
		return c.topLevel(v.mod, name)
	}
	if c.ix == nil || v.pm == nil {
		return value{}
	}
	// a module value holds no model (moduleValue): its summary says whether the
	// name is bound at its top level
	if src := moduleSource(v.pm); src != "" {
		if s, err := c.ix.Summary(src); err == nil && len(s.Bindings[name]) > 0 {
			if r, ok := c.summaryTopLevel(src, s, name); ok {
				return r
			}
		}
	}
	key := v.pm.Path + "\x00" + v.pm.Name + "\x00" + name
	if r, ok := c.lookups[key]; ok {
		return r
	}
	c.lookups[key] = value{} // a cycle back here is unknown
	var r value
	if t, ok := imports.LookupInLazy(c.ix, *v.pm, name); ok {
		r, _ = c.targetValue("", t)
	}
	c.lookups[key] = r
	return r
}

// summaryTopLevel is topLevel for the module at path, whose summary is s: a name
// bound only by defs is a function value read from the summary (the module is not
// parsed); anything else is evaluated in the module's model. ok is false when the
// module cannot be parsed.
func (c *Coroutines) summaryTopLevel(path string, s *analysis.Summary, name string) (value, bool) {
	bs := s.Bindings[name]
	if len(bs) > 0 && !slices.Contains(s.Nonlocals, name) && allFunctions(bs) {
		// evalName's bound, then its rule for several bindings: they must agree
		if c.depth > maxResolveDepth {
			return value{}, true
		}
		for _, b := range bs[1:] {
			if summaryCoroutineDef(b.Function) != summaryCoroutineDef(bs[0].Function) {
				return value{}, true
			}
		}
		return value{kind: valFunction, sfn: bs[0].Function, spath: path, sname: name}, true
	}
	if len(bs) == 1 && bs[0].Kind == analysis.BindClass && !slices.Contains(s.Nonlocals, name) {
		// a class: calling it is not a coroutine call whatever it is, so its module is
		// built only when its members, MRO or instances are asked for (materializeClass)
		if c.depth > maxResolveDepth {
			return value{}, true // evalName's bound
		}
		return value{kind: valClass, spath: path, sname: name}, true
	}
	m := c.loadPath(path)
	if m == nil {
		return value{}, false
	}
	return c.topLevel(m, name), true
}

// materializeClass turns a class value read from a summary (summaryTopLevel) into one
// of the module's model, as evalName finds the only binding of a class name; unknown
// when the module cannot be parsed or no longer binds the name so. Other values are
// returned as they are.
func (c *Coroutines) materializeClass(v value) value {
	if v.kind != valClass || v.cls != nil || v.spath == "" {
		return v
	}
	m := c.loadPath(v.spath)
	if m == nil {
		return value{}
	}
	bs := m.Scope.Bindings.Lookup(v.sname)
	if len(bs) != 1 || bs[0].Kind != analysis.BindClass {
		return value{} // the file changed since its summary
	}
	cl := classAt(m, bs[0].Def)
	if cl == nil {
		return value{}
	}
	return value{kind: valClass, cls: cl, mod: m}
}

// allFunctions reports whether every binding is a def.
func allFunctions(bs []analysis.SummaryBinding) bool {
	for _, b := range bs {
		if b.Kind != analysis.BindDef || b.Function == nil {
			return false
		}
	}
	return true
}

// materialize turns a function value read from a summary into one of the module's
// model (the first def of the name, as evalName picks it); unknown when the module
// cannot be parsed.
func (c *Coroutines) materialize(v value) value {
	if v.fn != nil || v.sfn == nil {
		return v
	}
	m := c.loadPath(v.spath)
	if m == nil {
		return value{}
	}
	bs := m.Scope.Bindings.Lookup(v.sname)
	if len(bs) == 0 || bs[0].Kind != analysis.BindDef {
		return value{}
	}
	f := c.functionAt(m, bs[0].Def)
	if f == nil {
		return value{}
	}
	return value{kind: valFunction, fn: f, mod: m, bound: v.bound}
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
func (c *Coroutines) topLevel(m *analysis.Module, name string) value {
	if len(m.Scope.Bindings.Lookup(name)) == 0 {
		return value{}
	}
	return c.evalName(m, m.Scope, name)
}
