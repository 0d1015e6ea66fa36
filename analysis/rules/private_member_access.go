package rules

import (
	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "private-member-access",
		Default:     analysis.SeverityWarning,
		Summary:     "obj._x outside the class (and subclasses) that declares _x.",
		NoqaCodes:   []string{"SLF001"},
		Check:       checkPrivateMemberAccess,
		Superlinear: true, // measured: quadratic on generated input (see bench/profile.md)
	})
}

// checkPrivateMemberAccess reports `obj._x` where the access does not stand lexically
// inside a class that declares `_x` or a subclass of one. Receivers that are the
// instance or class being defined (self, cls, super(), the class's own name) and
// modules (private-module-import's business) are left alone.
func checkPrivateMemberAccess(c *analysis.Context) {
	if privateRulesSkip(c) {
		return
	}
	u := newUnderscore(c)
	t := u.m.Tree
	for _, a := range u.m.Attrs {
		if !isPrivateName(a.Name) || semantic.IsMangledName(a.Name) || exemptMembers[a.Name] || isSunder(a.Name) || u.inOwnAll(a.Name) {
			continue
		}
		kind, recvRef, _, _ := u.receiver(a.Object, a.Scope)
		if kind == recvSelf || kind == recvModule {
			continue // most accesses: self._x (asked first, it is the cheapest test)
		}
		if exemptModuleNames[analysis.DottedName(t, a.Object)+"."+a.Name] || inAnnotation(t, a.Node) {
			continue
		}
		if ownClassName(t.Text(a.Object), a.Scope) {
			continue
		}
		// Outside every class that declares the member (and its subclasses) the access
		// is reported whatever the receiver. Inside one, the receiver's class decides
		// when it is known: the access must stand in the class that declares the member
		// for that receiver, or in a subclass of it (Other()._bar inside Mine is Other's
		// private member even when Mine has a _bar of its own).
		if u.insideDeclarer(a) {
			if kind == recvOther {
				if r, ok := u.instanceOf(a.Object, a.Scope); ok {
					kind, recvRef = recvClass, r
				}
			}
			if kind != recvClass || recvRef.C == nil {
				continue
			}
			if d, ok := u.declaringPrivate(recvRef, a.Name); !ok || u.insideClassOrSubclass(a.Scope, d) {
				continue
			}
		} else if kind == recvOther {
			// for the message only: the cheap forms (Foo(), a local bound to one)
			if r, ok := u.constructedOf(a.Object, a.Scope); ok {
				kind, recvRef = recvClass, r
			}
		}
		msg := "access to private member '" + a.Name + "' from outside its class; it works, but relies on an implementation detail that may change"
		if d := u.declarerOf(a.Name, kind, recvRef); d != "" {
			msg = "access to private member '" + a.Name + "' of class " + d + " from outside the class and its subclasses; it works, but relies on an implementation detail that may change"
		}
		c.Report(a.NameSpan, msg)
	}
}

// ownClassName reports whether name is the name of a class whose body encloses s.
func ownClassName(name string, s *analysis.Scope) bool {
	for _, cl := range enclosingClasses(s) {
		if cl.Name == name {
			return true
		}
	}
	return false
}

// insideDeclarer reports whether attribute access a stands lexically in a class that
// declares a.Name or in a subclass of one; an enclosing class whose bases cannot all
// be resolved counts as declaring it (pyward cannot tell).
func (u *underscore) insideDeclarer(a *analysis.Attr) bool {
	for _, cl := range enclosingClasses(a.Scope) {
		r := classRef{C: cl, M: u.m, Path: u.c.File.Path}
		if u.declares(r, semantic.Mangle(cl.Name, a.Name)) {
			return true
		}
		anc, complete := u.ancestors(r)
		if !complete {
			return true
		}
		for _, b := range anc {
			if u.declares(b, a.Name) || u.declares(b, semantic.Mangle(cl.Name, a.Name)) {
				return true
			}
		}
	}
	return false
}

// declarerOf names the class that declares member name, when pyward knows it: the
// receiver's class, else the only class of the file that declares it.
func (u *underscore) declarerOf(name string, kind receiverKind, recv classRef) string {
	if kind == recvClass && recv.C != nil {
		if d, ok := u.declaringPrivate(recv, name); ok {
			return d.C.Name
		}
	}
	found := ""
	for cl, set := range u.declaredIn(u.m) {
		if set[name] {
			if found != "" {
				return ""
			}
			found = cl.Name
		}
	}
	return found
}

// declaringPrivate returns r or its nearest known ancestor that declares name.
func (u *underscore) declaringPrivate(r classRef, name string) (classRef, bool) {
	if u.declares(r, name) {
		return r, true
	}
	anc, _ := u.ancestors(r)
	for _, b := range anc {
		if u.declares(b, name) {
			return b, true
		}
	}
	return classRef{}, false
}

// insideClassOrSubclass reports whether scope s stands lexically in class d or in a
// subclass of it; an enclosing class whose bases cannot all be resolved counts (pyward
// cannot tell).
func (u *underscore) insideClassOrSubclass(s *analysis.Scope, d classRef) bool {
	for _, cl := range enclosingClasses(s) {
		here := classRef{C: cl, M: u.m, Path: u.c.File.Path}
		if sameClass(here, d) {
			return true
		}
		anc, complete := u.ancestors(here)
		if !complete {
			return true
		}
		for _, b := range anc {
			if sameClass(b, d) {
				return true
			}
		}
	}
	return false
}

// sameClass reports whether a and b are the same class definition: the same value, or
// the same definition in two parses of one file (the checked buffer and the copy the
// index loaded when an import led back to it).
func sameClass(a, b classRef) bool {
	if a.C == b.C {
		return true
	}
	return a.Path != "" && a.Path == b.Path && a.C.Name == b.C.Name && a.C.NameSpan == b.C.NameSpan
}
