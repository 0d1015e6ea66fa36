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
		Summary:     "_x used after from m import * that does not bring it in.",
		Check:       checkStarImportPrivate,
		Superlinear: true, // measured: quadratic on generated input (see bench/profile.md)
	})
}

// checkStarImportPrivate reports a read of a private name `_x` that nothing in the file
// binds, in a module whose star imports cannot bring it in: `from m import *` skips
// names starting with an underscore unless m.__all__ lists them.
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
		for name := range s.Bindings {
			bound[name] = true
		}
	}
	type source struct {
		all     map[string]bool
		unknown bool // dynamic __all__: it may list anything
	}
	var sources []source
	resolved := false
	for _, r := range m.Refs {
		if !isPrivateName(r.Name) || bound[r.Name] || u.inOwnAll(r.Name) || inAnnotation(t, r.Node) {
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
					if sm, _ := imports.ModuleOf(c.Index, c.File, imp); sm != nil {
						src.unknown = sm.DynamicAll
						for _, n := range sm.All {
							src.all[n] = true
						}
					}
				}
				sources = append(sources, src)
			}
		}
		brought := false
		for _, s := range sources {
			if s.unknown || s.all[r.Name] {
				brought = true
			}
		}
		if brought {
			continue
		}
		mods := make([]string, len(stars))
		for i, imp := range stars {
			mods[i] = "'from " + strings.Repeat(".", imp.Dots) + joinSegments(imp.Module) + " import *'"
		}
		c.Report(r.Span, fmt.Sprintf("'%s' is not brought in by %s: a star import skips names starting with an underscore unless __all__ lists them; this raises NameError",
			r.Name, strings.Join(mods, " or ")))
	}
}
