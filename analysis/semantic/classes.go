package semantic

import (
	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// classMember looks name up in class cl (defined in module m) and then its bases.
func (c *Coroutines) classMember(m *analysis.Module, cl *analysis.Class, name string, depth int) value {
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
func (c *Coroutines) baseMember(m *analysis.Module, cl *analysis.Class, name string, depth int) value {
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
func plainClass(m *analysis.Module, cl *analysis.Class) bool {
	if cl == nil || len(cl.Keywords) > 0 || len(cl.Scope.Bindings["__new__"]) > 0 {
		return false
	}
	for _, d := range cl.Decorators {
		name := d.Dotted
		if name == "" && d.Node != syntax.NoNode && m.Tree.Type(d.Node) == "call" {
			name = analysis.DottedName(m.Tree, m.Tree.ChildByField(d.Node, "function"))
		}
		if !classDecoratorsKeeping[name] {
			return false
		}
	}
	return true
}

// classDefines reports whether cl binds name in its body or on its instances.
func classDefines(cl *analysis.Class, name string) bool {
	return len(cl.Scope.Bindings[name]) > 0 || len(cl.Members[name]) > 0
}
