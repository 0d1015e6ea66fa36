package rules

import (
	"fmt"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "mangled-attribute-write",
		Default:     analysis.SeverityWarning,
		RunTime:     true,
		Summary:     "obj.__x = … where obj's class holds __x under another spelling (_Foo__x): the write makes a second attribute that the class never reads.",
		Check:       checkMangledAttributeWrite,
		Superlinear: true, // like mangled-name-mismatch: each write walks the receiver's class chain
	})
}

// checkMangledAttributeWrite reports `obj.__x = …` where obj is surely the class Foo,
// or an instance of it, whose hierarchy holds `__x` as `_D__x`, and the write is
// spelled otherwise: outside any class it is `__x` as written, in another class Bar's
// code it is `_Bar__x`. Python creates that attribute next to `_D__x`; the class goes
// on reading its own, so the write has no effect on it. It works, hence a warning.
func checkMangledAttributeWrite(c *analysis.Context) {
	if c.File.IsStub() {
		return
	}
	u := newUnderscore(c)
	t := u.m.Tree
	for _, a := range u.m.Attrs {
		if !a.Store || !semantic.IsMangledName(a.Name) || isDeleted(t, a.Node) || inAnnotation(t, a.Node) {
			continue
		}
		p := t.Parent(a.Node)
		if p == syntax.NoNode || t.Type(p) != "assignment" || t.ChildByField(p, "left") != a.Node {
			continue // augmented assignments read first: the read is the other rules' business
		}
		r, ok := u.receiverClass(a.Object, a.Scope)
		if !ok || u.answersAnyAttribute(r) || u.declares(r, "__setattr__") {
			continue
		}
		written := a.Name
		if semantic.Mangles(a.Scope) {
			written = semantic.Mangle(semantic.PrivateName(a.Scope), a.Name)
		}
		if _, ok := u.declaringPrivate(r, written); ok {
			continue // the hierarchy holds that very spelling
		}
		d, ok := u.declaringInHierarchy(r, a.Name)
		if !ok {
			continue
		}
		held := semantic.Mangle(d.C.Name, a.Name)
		if held == written {
			continue
		}
		recv := t.Text(a.Object)
		c.Report(a.NameSpan,
			fmt.Sprintf("'%s.%s = …' here writes '%s', a new attribute: class %s holds '%s' as '%s' and never reads this one",
				recv, a.Name, written, d.C.Name, a.Name, held),
			replaceFix(fmt.Sprintf("Write '%s.%s' (the attribute class %s reads)", recv, held, d.C.Name), a.NameSpan, held, true))
	}
}
