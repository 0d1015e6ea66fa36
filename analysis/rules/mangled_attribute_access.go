package rules

import (
	"fmt"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:    "mangled-attribute-access",
		Group:   "asyncio", // shares the coroutine knowledge (semantic.CoroutinesOf)
		Default: analysis.SeverityError,
		RunTime: true,
		Summary: "obj.__x outside a class: not mangled there, so AttributeError at run time.",
		Check:   checkMangledAttributeAccess,
	})
}

// checkMangledAttributeAccess reports a read of `obj.__x` where the compiler does not
// mangle it (outside any class body) while `__x` is a member of a class (of this file
// or of a module it imports), whose instances hold it only as `_Foo__x`.
func checkMangledAttributeAccess(c *analysis.Context) {
	if c.File.IsStub() {
		return
	}
	u := newUnderscore(c)
	t := u.m.Tree
	var imported []classRef
	importedDone := false
	for _, a := range u.m.Attrs {
		if a.Store && !isDeleted(t, a.Node) || !semantic.IsMangledName(a.Name) || semantic.Mangles(a.Scope) || inAnnotation(t, a.Node) {
			continue
		}
		if u.unmangledElsewhere(a.Name) {
			continue
		}
		var cands []classRef
		kind, recv, mod, _ := u.receiver(a.Object, a.Scope)
		switch kind {
		case recvModule:
			if mod == nil || len(mod.s.Bindings[a.Name]) > 0 || mod.s.HasGetattr {
				continue
			}
		case recvClass:
			d, ok := u.declaringInHierarchy(recv, a.Name)
			if !ok {
				continue
			}
			cands = []classRef{d}
		}
		if kind != recvClass {
			if r, ok := u.instanceOf(a.Object, a.Scope); ok {
				d, ok := u.declaringInHierarchy(r, a.Name)
				if !ok {
					continue
				}
				cands = []classRef{d}
			}
		}
		if cands == nil {
			if u.someClassKeepsName(u.m, a.Name) {
				continue
			}
			cands = u.classesDeclaring(u.m, c.File.Path, a.Name)
			if !importedDone {
				importedDone = true
				imported = u.importedClasses()
			}
			skip := false
			for _, r := range imported {
				if strings.Trim(r.C.Name, "_") == "" && u.declaredIn(r.M)[r.C][a.Name] {
					skip = true
				}
				if u.declaresUnmangled(r, a.Name) {
					cands = append(cands, r)
				}
			}
			if skip {
				continue
			}
		}
		kept := cands[:0]
		for _, r := range cands {
			if !u.answersAnyAttribute(r) {
				kept = append(kept, r)
			}
		}
		cands = kept
		if len(cands) == 0 {
			continue
		}
		first := cands[0].C.Name
		var fixes []analysis.Fix
		seen := map[string]bool{}
		for _, r := range cands {
			mangled := semantic.Mangle(r.C.Name, a.Name)
			if seen[mangled] {
				continue
			}
			seen[mangled] = true
			fixes = append(fixes, replaceFix(fmt.Sprintf("Use '%s' (the name class %s gives '%s')", mangled, r.C.Name, a.Name), a.NameSpan, mangled, false))
		}
		if len(fixes) == 1 { // one class could have meant it: its spelling is the fix
			fixes[0].Preferred, fixes[0].Safe = true, true
		}
		c.Report(a.NameSpan, fmt.Sprintf("'%s' is only reachable as '%s' outside class %s; this raises AttributeError", a.Name, semantic.Mangle(first, a.Name), first), fixes...)
	}
}

// declaresUnmangled reports whether class r declares `__x` (as written in its body,
// so held as `_R__x`), with r's name mangling at all.
func (u *underscore) declaresUnmangled(r classRef, name string) bool {
	if strings.Trim(r.C.Name, "_") == "" {
		return false
	}
	return u.declares(r, semantic.Mangle(r.C.Name, name))
}

// declaringInHierarchy returns r or its nearest ancestor that declares `__x`.
func (u *underscore) declaringInHierarchy(r classRef, name string) (classRef, bool) {
	if u.declaresUnmangled(r, name) {
		return r, true
	}
	anc, _ := u.ancestors(r)
	for _, b := range anc {
		if u.declaresUnmangled(b, name) {
			return b, true
		}
	}
	return classRef{}, false
}

// someClassKeepsName reports whether a class of m made only of underscores (which
// mangles nothing) declares name as written.
func (u *underscore) someClassKeepsName(m *analysis.Module, name string) bool {
	for cl, set := range u.declaredIn(m) {
		if strings.Trim(cl.Name, "_") == "" && set[name] {
			return true
		}
	}
	return false
}

// classesDeclaring lists the classes of m that declare `__x`, in source order.
func (u *underscore) classesDeclaring(m *analysis.Module, path, name string) []classRef {
	var out []classRef
	for _, cl := range m.Classes {
		r := classRef{C: cl, M: m, Path: path}
		if u.declaresUnmangled(r, name) {
			out = append(out, r)
		}
	}
	return out
}

// importedClasses lists the classes of the modules the checked file imports
// (resolved through the index), and the classes bound by from-imports.
func (u *underscore) importedClasses() []classRef {
	ix := u.c.Index
	if ix == nil {
		return nil
	}
	var out []classRef
	seen := map[*analysis.Module]bool{u.m: true}
	for _, imp := range u.m.Imports {
		if imp.Future {
			continue
		}
		if u.c.Ctx != nil && u.c.Ctx.Err() != nil {
			return out
		}
		res := imports.Resolve(ix, u.c.File, imp)
		if res == nil {
			continue
		}
		var mods []imports.Target
		if imp.From {
			if src, path := imports.ModuleOf(ix, u.c.File, imp); src != nil {
				mods = append(mods, imports.Target{File: src, Path: path})
			}
			for _, nr := range res.Names {
				if nr.Found && nr.Target.File != nil {
					mods = append(mods, nr.Target)
				}
			}
		} else {
			for _, nr := range res.Names {
				if nr.Found && nr.Target.File != nil {
					mods = append(mods, nr.Target)
				}
			}
		}
		for _, tg := range mods {
			if seen[tg.File] {
				continue
			}
			seen[tg.File] = true
			for _, cl := range tg.File.Classes {
				out = append(out, classRef{C: cl, M: tg.File, Path: tg.Path})
			}
		}
	}
	return out
}

// unmangledElsewhere reports whether the checked file may give some object an
// attribute spelled `__x` as written: a store of `obj.__x` where no class mangles it,
// or the name in a string used as an attribute name (setattr, getattr, __dict__ keys).
func (u *underscore) unmangledElsewhere(name string) bool {
	t := u.m.Tree
	if u.storedAsWritten == nil {
		u.storedAsWritten = map[string]bool{}
		for _, a := range u.m.Attrs {
			if a.Store && !isDeleted(t, a.Node) && semantic.IsMangledName(a.Name) && !semantic.Mangles(a.Scope) {
				u.storedAsWritten[a.Name] = true
			}
		}
	}
	if u.storedAsWritten[name] {
		return true
	}
	return u.strings().names[name]
}

// constructedOf returns the class of obj when obj is a call of a class of the file, or
// a name bound only once, in its scope, to such a call (`f = Foo(); f.__x`).
func (u *underscore) constructedOf(obj syntax.NodeID, s *analysis.Scope) (classRef, bool) {
	t := u.m.Tree
	if obj == syntax.NoNode {
		return classRef{}, false
	}
	call := syntax.NoNode
	switch t.Type(obj) {
	case "call":
		call = obj
	case "identifier":
		sc, bs := u.m.Lookup(s, t.Text(obj))
		if sc != nil && len(bs) == 1 && bs[0].Kind == analysis.BindAssign {
			if def := bs[0].Def; t.Type(def) == "assignment" && t.ChildByField(def, "left") == bs[0].Node {
				call = t.ChildByField(def, "right")
			}
		}
	}
	if call != syntax.NoNode && t.Type(call) == "call" {
		fn := t.ChildByField(call, "function")
		if fn != syntax.NoNode && t.Type(fn) == "identifier" {
			if r, isClass, _ := u.resolveClassName(u.m, u.c.File.Path, u.m.ScopeOf(fn), t.Text(fn)); isClass {
				return r, true
			}
		}
	}
	return classRef{}, false
}

// instanceOf is constructedOf, else what the class model says obj is.
func (u *underscore) instanceOf(obj syntax.NodeID, s *analysis.Scope) (classRef, bool) {
	if r, ok := u.constructedOf(obj, s); ok {
		return r, true
	}
	// what the class model states: an annotated name or attribute, a function's
	// return annotation, an attribute whose class the code states
	if ref, _, ok := semantic.CoroutinesOf(u.c).ClassOf(obj); ok {
		return classRef{C: ref.Class, M: ref.Module, Path: ref.Path}, true
	}
	return classRef{}, false
}

// isDeleted reports whether the attribute node n is a target of a del statement.
func isDeleted(t *syntax.Tree, n syntax.NodeID) bool {
	for p := t.Parent(n); p != syntax.NoNode; p = t.Parent(p) {
		switch t.Type(p) {
		case "delete_statement":
			return true
		case "expression_list", "tuple", "list", "parenthesized_expression":
			continue
		}
		return false
	}
	return false
}
