package rules

import (
	"fmt"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/semantic"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "star-import-private",
		Default:     analysis.SeverityError,
		RunTime:     true,
		Summary:     "_x (or a name __all__ leaves out) used after from m import * that does not bring it in.",
		Check:       checkStarImportPrivate,
		Superlinear: true, // measured: quadratic on generated input (see bench/profile.md)
	})
}

// checkStarImportPrivate reports a read of a private name `_x` that nothing in the file
// binds, in a module whose star imports cannot bring it in: `from m import *` skips
// names starting with an underscore unless m.__all__ lists them. It reports a public
// name too when a star-imported module defines it but its static __all__ leaves it out
// (and no other star import may bring it, and it is not a builtin).
func checkStarImportPrivate(c *analysis.Context) {
	if c.File.IsStub() {
		return
	}
	m := c.Module
	var stars []*analysis.Import
	for _, imp := range m.Imports {
		if imp.Star && imp.Scope == m.Scope {
			stars = append(stars, imp)
		}
	}
	if len(stars) == 0 || m.WritesGlobals {
		return
	}
	u := newUnderscore(c)
	t := m.Tree
	bound := map[string]bool{}
	for _, s := range m.Scopes {
		for name := range s.Bindings.All() {
			bound[name] = true
		}
	}
	type source struct {
		all     map[string]bool
		unknown bool // dynamic __all__: it may list anything
		// public: the module was found and has a static __all__, which alone decides
		// which public names the star import brings; binds: its top-level names
		public bool
		mod    *analysis.Summary
	}
	var sources []source
	resolved := false
	for _, r := range m.Refs {
		private := isPrivateName(r.Name)
		if !private && (builtinNames[r.Name] || strings.HasPrefix(r.Name, "__") || r.Name == "_") {
			continue
		}
		if bound[r.Name] || u.inOwnAll(r.Name) || inAnnotation(t, r.Node) {
			continue
		}
		if semantic.MangledAt(m, r.Node) != r.Name {
			continue // mangled: mangled-global-reference's business
		}
		if sc, _ := m.Lookup(r.Scope, r.Name); sc != nil {
			continue
		}
		if !resolved {
			resolved = true
			for _, imp := range stars {
				src := source{all: map[string]bool{}}
				if c.Index != nil {
					if sm, _ := imports.SummaryOf(c.Index, c.File, imp); sm != nil {
						src.unknown = sm.DynamicAll
						for _, n := range sm.All {
							src.all[n] = true
						}
						src.public = sm.HasAll && !sm.DynamicAll
						src.mod = sm
					}
				}
				sources = append(sources, src)
			}
		}
		brought, leftOut := false, false
		for _, s := range sources {
			switch {
			case s.unknown || s.all[r.Name]:
				brought = true
			case !private && !s.public:
				brought = true // no __all__ (or an unknown module): it may bring any public name
			case !private && len(s.mod.Bindings[r.Name]) > 0:
				leftOut = true
			}
		}
		if brought || !private && !leftOut {
			continue // a public name no source defines is not this rule's business
		}
		mods := make([]string, len(stars))
		for i, imp := range stars {
			mods[i] = "'from " + strings.Repeat(".", imp.Dots) + joinSegments(imp.Module) + " import *'"
		}
		why := "a star import skips names starting with an underscore unless __all__ lists them"
		if !private {
			why = "the module defines it, but its __all__ does not list it, and a star import brings only what __all__ lists"
		}
		c.Report(r.Span, fmt.Sprintf("'%s' is not brought in by %s: %s; this raises NameError",
			r.Name, strings.Join(mods, " or "), why))
	}
}
