package rules

import (
	"fmt"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "mangled-name-mismatch",
		Default:     analysis.SeverityError,
		RunTime:     true,
		Summary:     "self.__x in a subclass where only the base defines __x (it mangles to _Sub__x).",
		Check:       checkMangledNameMismatch,
		Superlinear: true, // measured: quadratic on generated input (see bench/profile.md)
	})
}

// checkMangledNameMismatch reports a read of `self.__x` (or `cls.__x`) in class Sub
// where Sub declares no `__x` and a base class does: the compiler spells the read
// `_Sub__x`, while the base stored `_Base__x`.
func checkMangledNameMismatch(c *analysis.Context) {
	if c.File.IsStub() {
		return
	}
	u := newUnderscore(c)
	t := u.m.Tree
	for _, a := range u.m.Attrs {
		if a.Store || !semantic.IsMangledName(a.Name) || !semantic.Mangles(a.Scope) || inAnnotation(t, a.Node) {
			continue
		}
		cls := semantic.ManglingClass(a.Scope)
		recv, ok := u.selfReceiver(a.Object, a.Scope, cls)
		if !ok {
			u.otherReceiverMismatch(a, cls)
			continue
		}
		here := classRef{C: cls, M: u.m, Path: c.File.Path}
		mangled := semantic.Mangle(cls.Name, a.Name)
		if u.declares(here, mangled) || u.spelled(mangled) || u.setDynamically(cls) || u.answersAnyAttribute(here) {
			continue
		}
		anc, _ := u.ancestors(here)
		var base *classRef
		for i, b := range anc {
			if u.declares(b, mangled) {
				base = nil // a base holds the very spelling the read uses
				break
			}
			if base == nil && u.declaresUnmangled(b, a.Name) {
				base = &anc[i]
			}
		}
		if base == nil {
			continue
		}
		want := semantic.Mangle(base.C.Name, a.Name)
		fix := replaceFix(fmt.Sprintf("Use '%s.%s' (the attribute of base class %s)", recv, want, base.C.Name), a.NameSpan, want, true)
		fix.Safe = true // the one spelling that names what the base class assigns
		c.Report(a.NameSpan,
			fmt.Sprintf("'%s.%s' in class %s mangles to '%s', but '%s' is assigned only in base class %s (as '%s'); this raises AttributeError",
				recv, a.Name, cls.Name, mangled, a.Name, base.C.Name, want),
			fix)
	}
}

// selfReceiver reports whether obj is the first parameter of a method of cls (self or
// cls in a method, also read from functions nested in it), and returns its spelling.
func (u *underscore) selfReceiver(obj syntax.NodeID, s *analysis.Scope, cls *analysis.Class) (string, bool) {
	t := u.m.Tree
	if obj == syntax.NoNode || t.Type(obj) != "identifier" {
		return "", false
	}
	name := t.Text(obj)
	sc, bs := u.m.Lookup(s, name)
	if sc == nil || sc.Function == nil || sc.Function.Class != cls {
		return "", false
	}
	fn := sc.Function
	if len(fn.Params) == 0 || fn.Params[0] != name || isStatic(fn) {
		return "", false
	}
	for _, b := range bs {
		if b.Kind != analysis.BindParam {
			return "", false // rebound in the method
		}
	}
	return name, true
}

// setDynamically reports whether the file may give class cls mangled attributes by
// computed names: a string that builds a name with its mangling prefix (`'_Sub__' +
// name`, `f"_Sub__{name}"`), or setattr(cls, name, ...) with a name that is not a literal.
func (u *underscore) setDynamically(cls *analysis.Class) bool {
	stripped := strings.TrimLeft(cls.Name, "_")
	prefix := "_" + stripped + "__"
	if u.strings().buildsWith(prefix) {
		return true
	}
	t := u.m.Tree
	for _, r := range u.m.Refs {
		if r.Name != "setattr" {
			continue
		}
		call := t.Parent(r.Node)
		if call == syntax.NoNode || t.Type(call) != "call" {
			continue
		}
		args := t.NamedChildren(t.ChildByField(call, "arguments"))
		if len(args) >= 2 && t.Text(args[0]) == cls.Name && t.Type(args[1]) != "string" {
			return true
		}
	}
	return false
}

// otherReceiverMismatch reports `obj.__x` read in class cls where obj is surely an
// instance of, or the class, R (`Foo.__limit` in another class's body, `outer.__secret`
// in a nested class): the read is spelled `_Cls__x`, while R's hierarchy holds `__x`
// only as `_D__x` for a class D that is not cls.
func (u *underscore) otherReceiverMismatch(a *analysis.Attr, cls *analysis.Class) {
	r, ok := u.receiverClass(a.Object, a.Scope)
	if !ok {
		return
	}
	mangled := semantic.Mangle(cls.Name, a.Name)
	if u.spelled(mangled) || u.answersAnyAttribute(r) || u.setDynamically(r.C) {
		return
	}
	if _, ok := u.declaringPrivate(r, mangled); ok {
		return
	}
	d, ok := u.declaringInHierarchy(r, a.Name)
	if !ok {
		return
	}
	want := semantic.Mangle(d.C.Name, a.Name)
	if want == mangled {
		return
	}
	recv := u.m.Tree.Text(a.Object)
	u.c.Report(a.NameSpan,
		fmt.Sprintf("'%s.%s' in class %s mangles to '%s', but %s holds '%s' as '%s' (it is mangled with the class that wrote it); this raises AttributeError",
			recv, a.Name, cls.Name, mangled, r.C.Name, a.Name, want),
		replaceFix(fmt.Sprintf("Use '%s.%s' (the attribute of class %s)", recv, want, d.C.Name), a.NameSpan, want, true))
}

// receiverClass returns the class obj surely is (a class of the file or an imported
// one) or surely is an instance of (`Foo()`, a local bound once to one).
func (u *underscore) receiverClass(obj syntax.NodeID, s *analysis.Scope) (classRef, bool) {
	kind, r, _, _ := u.receiver(obj, s)
	if kind == recvClass && r.C != nil {
		return r, true
	}
	if kind != recvOther {
		return classRef{}, false
	}
	return u.instanceOf(obj, s)
}
