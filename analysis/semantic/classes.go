package semantic

import (
	"sync"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// The resolver half of the class model: the plain data of each module's classes
// (ClassesOf, classinfo.go) tied to what their bases and member types resolve to,
// through the same name resolution as the coroutine knowledge (imports, re-exports,
// aliases). It answers "surely": an unresolvable base, an unknown decorator or a
// member bound in several ways make the answer unknown.

// ClassRef is a class and the module (and file) that defines it.
type ClassRef struct {
	Class  *analysis.Class
	Module *analysis.Module
	Path   string
}

// classRef is a class and its module, as the resolver keeps them.
type classRef struct {
	m  *analysis.Module
	cl *analysis.Class
}

// mroResult is the cached linearization of a class.
type mroResult struct {
	order    []classRef
	complete bool
}

// emptyBases are standard-library bases that add no members pyward reasons about:
// a class deriving from them alone has a complete MRO as far as pyward cares.
var emptyBases = map[string]bool{
	"object": true, "typing.Generic": true, "typing.Protocol": true,
	"typing_extensions.Protocol": true, "abc.ABC": true,
}

// classInfo returns the plain-data model of class cl of module m.
func (c *Coroutines) classInfo(m *analysis.Module, cl *analysis.Class) *ClassInfo {
	mc, ok := c.classes[m]
	if !ok {
		if m == c.m {
			mc = ClassesOf(m) // the checked text: new at every edit
		} else {
			mc = sharedClasses.of(m)
		}
		c.classes[m] = mc
	}
	return mc.Of(cl)
}

// classCache keeps the class models of the modules checks reach through imports, which
// the Index shares between checks (a Module never changes; an edited file is a new
// Module), so that a keystroke does not recompute the classes of every module its file
// imports. It is bounded: past maxCachedModules entries it starts afresh.
type classCache struct {
	mu sync.Mutex
	m  map[*analysis.Module]*ModuleClasses
}

// maxCachedModules bounds classCache.
const maxCachedModules = 1024

// sharedClasses is the cache every Coroutines reads.
var sharedClasses = &classCache{m: map[*analysis.Module]*ModuleClasses{}}

// of returns the class model of m, computing it on first use.
func (cc *classCache) of(m *analysis.Module) *ModuleClasses {
	cc.mu.Lock()
	mc, ok := cc.m[m]
	cc.mu.Unlock()
	if ok {
		return mc
	}
	mc = ClassesOf(m)
	cc.mu.Lock()
	if len(cc.m) >= maxCachedModules {
		cc.m = map[*analysis.Module]*ModuleClasses{}
	}
	cc.m[m] = mc
	cc.mu.Unlock()
	return mc
}

// mro returns the C3 linearization of cl (the class first), and whether every base
// on the way could be resolved; when one cannot, the order is still what the
// resolvable bases give, but lookups past the class itself are unknown.
func (c *Coroutines) mro(m *analysis.Module, cl *analysis.Class) ([]classRef, bool) {
	if r, ok := c.mros[cl]; ok {
		return r.order, r.complete
	}
	c.mros[cl] = mroResult{order: []classRef{{m, cl}}} // a cycle back here is incomplete
	order, complete := c.linearize(m, cl)
	c.mros[cl] = mroResult{order: order, complete: complete}
	return order, complete
}

// linearize computes the C3 MRO of cl: cl, then the merge of its bases' MROs and the
// list of bases.
func (c *Coroutines) linearize(m *analysis.Module, cl *analysis.Class) ([]classRef, bool) {
	self := classRef{m, cl}
	if c.depth > maxResolveDepth {
		return []classRef{self}, false
	}
	c.depth++
	defer func() { c.depth-- }()
	complete := true
	var seqs [][]classRef
	var bases []classRef
	outer := cl.Scope.Parent
	if outer == nil {
		outer = m.Scope
	}
	t := m.Tree
	for _, b := range cl.Bases {
		n := b.Node
		if n != syntax.NoNode && t.Type(n) == "subscript" {
			n = t.ChildByField(n, "value")
		}
		if n == syntax.NoNode {
			complete = false
			continue
		}
		if t.Type(n) == "identifier" && t.Text(n) == "object" {
			if sc, _ := m.Lookup(outer, "object"); sc == nil {
				continue
			}
		}
		bv := c.materializeClass(c.eval(m, outer, n))
		switch {
		case bv.kind == valClass && bv.cls != nil:
			bm, bc := c.mro(bv.mod, bv.cls)
			if !bc {
				complete = false
			}
			seqs = append(seqs, append([]classRef(nil), bm...))
			bases = append(bases, classRef{bv.mod, bv.cls})
		case bv.kind == valQual && emptyBases[bv.qual]:
		default:
			complete = false
		}
	}
	seqs = append(seqs, bases)
	out := []classRef{self}
	for {
		// drop emptied sequences
		live := seqs[:0]
		for _, s := range seqs {
			if len(s) > 0 {
				live = append(live, s)
			}
		}
		seqs = live
		if len(seqs) == 0 {
			return out, complete
		}
		var next *classRef
		for _, s := range seqs {
			cand := s[0]
			inTail := false
			for _, o := range seqs {
				for _, x := range o[1:] {
					if x.cl == cand.cl {
						inTail = true
					}
				}
			}
			if !inTail {
				next = &cand
				break
			}
		}
		if next == nil {
			return out, false // no consistent order: Python raises TypeError
		}
		out = append(out, *next)
		for i, s := range seqs {
			if s[0].cl == next.cl {
				seqs[i] = s[1:]
			}
		}
	}
}

// plainMRO reports whether calling cl surely makes an instance of cl: cl and every
// class of its MRO pyward can see are plain (no metaclass, no __new__, only
// decorators that return the class).
func (c *Coroutines) plainMRO(m *analysis.Module, cl *analysis.Class) bool {
	order, _ := c.mro(m, cl)
	for _, r := range order {
		ci := c.classInfo(r.m, r.cl)
		if ci == nil || !ci.Plain {
			return false
		}
	}
	return true
}

// classMember finds what attribute name of class cl (of module m) denotes, read on an
// instance (instance) or on the class itself, following the C3 MRO from position
// start (1 for super()).
func (c *Coroutines) classMember(m *analysis.Module, cl *analysis.Class, name string, instance bool, start int) value {
	r, mem, ok := c.findMember(m, cl, name, start)
	if !ok {
		return value{}
	}
	return c.memberValue(r, mem, instance)
}

// findMember finds the member called name of class cl along its C3 MRO from position
// start, and the class that defines it; ok is false when it is not surely that one (an
// unresolvable base, __getattribute__, an instance attribute shadowing a method).
func (c *Coroutines) findMember(m *analysis.Module, cl *analysis.Class, name string, start int) (classRef, *Member, bool) {
	if cl == nil {
		return classRef{}, nil, false
	}
	order, complete := c.mro(m, cl)
	for i := start; i < len(order); i++ {
		if i > 0 && !complete {
			return classRef{}, nil, false // past the class itself, an unresolvable base may come first
		}
		if ci := c.classInfo(order[i].m, order[i].cl); ci == nil || ci.Members["__getattribute__"] != nil {
			return classRef{}, nil, false // __getattribute__ answers every read
		}
	}
	for i := start; i < len(order); i++ {
		r := order[i]
		ci := c.classInfo(r.m, r.cl)
		mem, ok := ci.Members[name]
		if !ok {
			continue
		}
		if isMethodKind(mem.Kind) {
			// an attribute set on instances by a class further along shadows a method
			for _, r2 := range order[i+1:] {
				if ci2 := c.classInfo(r2.m, r2.cl); ci2 != nil {
					if m2, ok := ci2.Members[name]; ok && !isMethodKind(m2.Kind) {
						return classRef{}, nil, false
					}
				}
			}
		}
		return r, mem, true
	}
	return classRef{}, nil, false
}

// isMethodKind reports whether k is a kind of def.
func isMethodKind(k MemberKind) bool {
	switch k {
	case KindMethod, KindClassMethod, KindStaticMethod, KindProperty:
		return true
	}
	return false
}

// memberValue is what member mem of class r gives when read on an instance or on the
// class.
func (c *Coroutines) memberValue(r classRef, mem *Member, instance bool) value {
	switch mem.Kind {
	case KindMethod, KindClassMethod, KindStaticMethod, KindClass:
		v := c.evalName(r.m, r.cl.Scope, mem.Name)
		if v.kind == valFunction {
			v.bound = true
		}
		return v
	case KindProperty:
		if !instance {
			return value{}
		}
		if mem.Async {
			return value{kind: valCoroutine, qual: r.cl.Name + "." + mem.Name}
		}
		if mem.Type != "" {
			return c.instanceOf(c.evalDotted(r.m, r.cl.Scope, mem.Type), false)
		}
	case KindAttribute:
		if instance && mem.Type != "" {
			return c.instanceOf(c.evalDotted(r.m, r.cl.Scope, mem.Type), mem.FromCall)
		}
	}
	return value{}
}

// evalDotted finds what the dotted name d (a.b.C), read in scope s of module m, denotes.
func (c *Coroutines) evalDotted(m *analysis.Module, s *analysis.Scope, d string) value {
	first, rest := d, ""
	for i := 0; i < len(d); i++ {
		if d[i] == '.' {
			first, rest = d[:i], d[i+1:]
			break
		}
	}
	v := c.evalName(m, s, first)
	for rest != "" && v.kind != valUnknown {
		part := rest
		rest = ""
		for i := 0; i < len(part); i++ {
			if part[i] == '.' {
				part, rest = part[:i], part[i+1:]
				break
			}
		}
		v = c.member(v, part)
	}
	return v
}

// instanceOf is the value of an instance of what v denotes: of a class when v is one
// (through a call, only a plain class surely makes one), of a well-known standard
// library class, or what calling a function with a return annotation gives (fromCall).
func (c *Coroutines) instanceOf(v value, fromCall bool) value {
	switch v.kind {
	case valClass:
		v = c.materializeClass(v)
		if v.cls == nil || fromCall && !c.plainMRO(v.mod, v.cls) {
			return value{}
		}
		return value{kind: valSelf, cls: v.cls, mod: v.mod}
	case valQual:
		if fromCall {
			if cls, ok := stdlibInstanceOf[v.qual]; ok {
				return value{kind: valInstance, qual: cls}
			}
			return value{}
		}
		if stdlibClasses[v.qual] {
			return value{kind: valInstance, qual: v.qual}
		}
	case valFunction:
		if fromCall {
			return c.returned(v)
		}
	}
	return value{}
}

// returned is what calling the function v gives, when its return annotation states a
// class: not for coroutine functions (calling them gives a coroutine) nor generators.
func (c *Coroutines) returned(v value) value {
	if sf := v.sfn; v.fn == nil && sf != nil {
		if sf.Async || sf.Generator || !sf.Returns {
			return value{}
		}
		v = c.materialize(v)
	}
	f := v.fn
	if f == nil || f.Async || f.Generator || f.Scope == nil || f.Scope.Parent == nil {
		return value{}
	}
	t := v.mod.Tree
	ann := annotationName(t, t.ChildByField(f.Node, "return_type"))
	if ann == "" {
		return value{}
	}
	return c.instanceOf(c.evalDotted(v.mod, f.Scope.Parent, ann), false)
}

// awaited is what awaiting the coroutine of the coroutine function v gives, when its
// return annotation states a class.
func (c *Coroutines) awaited(v value) value {
	if sf := v.sfn; v.fn == nil && sf != nil {
		if !summaryCoroutineDef(sf) || !sf.Returns {
			return value{}
		}
		v = c.materialize(v)
	}
	f := v.fn
	if f == nil || !isCoroutineDef(f, v.mod) || f.Scope == nil || f.Scope.Parent == nil {
		return value{}
	}
	t := v.mod.Tree
	ann := annotationName(t, t.ChildByField(f.Node, "return_type"))
	if ann == "" {
		return value{}
	}
	return c.instanceOf(c.evalDotted(v.mod, f.Scope.Parent, ann), false)
}

// paramValue is what a parameter (binding b of function f's scope) holds, when its
// annotation states a class: an instance of it.
func (c *Coroutines) paramValue(m *analysis.Module, f *analysis.Function, b *analysis.Binding) value {
	ann := ParamAnnotation(m.Tree, b)
	if ann == "" || f.Scope == nil || f.Scope.Parent == nil {
		return value{}
	}
	return c.instanceOf(c.evalDotted(m, f.Scope.Parent, ann), false)
}

// ClassOf returns the class that expression e surely is (instance false) or surely
// is an instance of (instance true), when it is a class of the workspace: a class
// name, `Foo(...)`, a name or attribute whose annotation states it, what a function
// annotated to return it gives, self and cls.
func (c *Coroutines) ClassOf(e syntax.NodeID) (ref ClassRef, instance, ok bool) {
	e = analysis.SkipParens(c.m.Tree, e)
	if e == syntax.NoNode {
		return ClassRef{}, false, false
	}
	v := c.materializeClass(c.eval(c.m, c.m.ScopeOf(e), e))
	switch v.kind {
	case valClass, valSelf:
		if v.cls == nil {
			return ClassRef{}, false, false
		}
		return ClassRef{Class: v.cls, Module: v.mod, Path: c.paths[v.mod]}, v.kind == valSelf, true
	}
	return ClassRef{}, false, false
}

// IsCoroutineAttribute reports whether reading the attribute e (an "attribute" node)
// surely gives a coroutine: an async property read on an instance. It returns the
// property as "Class.name" for messages.
func (c *Coroutines) IsCoroutineAttribute(e syntax.NodeID) (string, bool) {
	t := c.m.Tree
	e = analysis.SkipParens(t, e)
	if e == syntax.NoNode || t.Type(e) != "attribute" {
		return "", false
	}
	obj := t.ChildByField(e, "object")
	attr := t.ChildByField(e, "attribute")
	if obj == syntax.NoNode || attr == syntax.NoNode {
		return "", false
	}
	// only the kind of the member matters, not what its value is: look it up on the
	// receiver without resolving the class an attribute is stated to be
	v := c.eval(c.m, c.m.ScopeOf(obj), obj)
	start := 0
	switch v.kind {
	case valSelf:
	case valSuper:
		start = 1
	default:
		return "", false
	}
	r, mem, ok := c.findMember(v.mod, v.cls, t.Text(attr), start)
	if !ok || mem.Kind != KindProperty || !mem.Async {
		return "", false
	}
	return r.cl.Name + "." + mem.Name, true
}
