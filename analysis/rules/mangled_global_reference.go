package rules

import (
	"fmt"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "mangled-global-reference",
		Default:     analysis.SeverityError,
		RunTime:     true,
		Summary:     "A module-level __helper used inside a class (it mangles to _C__helper: NameError).",
		Check:       checkMangledGlobalReference,
		Superlinear: true, // measured: quadratic on generated input (see bench/profile.md)
	})
}

// checkMangledGlobalReference reports a bare `__name` read inside a class (its body or
// anything nested in it) that the compiler mangles to `_C__name`, where no binding of
// that spelling is visible and only a module-level `__name` exists.
func checkMangledGlobalReference(c *analysis.Context) {
	if c.File.IsStub() {
		return
	}
	u := newUnderscore(c)
	m := u.m
	t := m.Tree
	for _, r := range m.Refs {
		if !semantic.IsMangledName(r.Name) || !semantic.Mangles(r.Scope) || inAnnotation(t, r.Node) {
			continue
		}
		eff := semantic.MangledAt(m, r.Node)
		if eff == r.Name || u.visible(r.Scope, r.Name, eff) {
			continue
		}
		if u.spelled(eff) {
			continue // spelled out in code (globals()['_C__x'], obj._C__x), not in a comment
		}
		global := false
		for _, b := range m.Scope.Bindings.Lookup(r.Name) {
			if b.Node == syntax.NoNode || semantic.MangledAt(m, b.Node) == r.Name {
				global = true
			}
		}
		if !global {
			continue
		}
		cls := semantic.ManglingClass(r.Scope)
		c.Report(r.Span, fmt.Sprintf("'%s' inside class %s mangles to '%s', which is not defined; only the module-level '%s' exists; this raises NameError",
			r.Name, cls.Name, eff, r.Name))
	}
}

// visible reports whether a read of raw (spelled eff by the compiler) in scope s finds
// a binding of that spelling, following Python's scoping: s itself, enclosing
// functions (not classes), the module.
func (u *underscore) visible(s *analysis.Scope, raw, eff string) bool {
	m := u.m
	first := true
	for sc := s; sc != nil; sc = sc.Parent {
		if !first && sc.Kind == analysis.ClassScope {
			continue
		}
		first = false
		if sc.Globals[raw] || sc.Globals[eff] {
			return u.boundAs(m.Scope, raw, eff)
		}
		if sc.Nonlocals[raw] || sc.Nonlocals[eff] {
			continue
		}
		if u.boundAs(sc, raw, eff) {
			return true
		}
	}
	return false
}

// boundAs reports whether scope sc binds a name the compiler spells eff: written eff,
// or written raw where it mangles to eff.
func (u *underscore) boundAs(sc *analysis.Scope, raw, eff string) bool {
	if len(sc.Bindings.Lookup(eff)) > 0 {
		return true
	}
	for _, b := range sc.Bindings.Lookup(raw) {
		if b.Kind == analysis.BindDel || b.Kind == analysis.BindStarImport {
			continue
		}
		if b.Def != syntax.NoNode && u.m.Tree.Type(b.Def) == "augmented_assignment" {
			continue // `x += 1` reads x first: it does not make x exist
		}
		if b.Node == syntax.NoNode || semantic.MangledAt(u.m, b.Node) == eff {
			return true
		}
	}
	return false
}
