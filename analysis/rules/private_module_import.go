package rules

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:      "private-module-import",
		Default:   analysis.SeverityWarning,
		Summary:   "from .m import _helper, or m._helper, from another module.",
		NoqaCodes: []string{"SLF001"},
		Check:     checkPrivateModuleImport,
	})
}

// checkPrivateModuleImport reports private names taken from another module: imported
// by name (`from .m import _helper`) or read as an attribute of a module (`m._helper`).
// Names in the module's __all__, imports of the module itself, and an __init__.py
// re-exporting its own package's private parts are left alone.
func checkPrivateModuleImport(c *analysis.Context) {
	if privateRulesSkip(c) {
		return
	}
	u := newUnderscore(c)
	isInit := strings.TrimSuffix(filepath.Base(c.File.Path), filepath.Ext(c.File.Path)) == "__init__"
	for _, imp := range u.m.Imports {
		if !imp.From || imp.Star || imp.Future {
			continue
		}
		if isInit && imp.Dots == 1 {
			continue // re-exporting the package's own private modules and names
		}
		modName := strings.Repeat(".", imp.Dots) + joinSegments(imp.Module)
		if imp.Dots > 0 && c.Index != nil {
			// Messages name the real module: 'app.privacy.models', not '.models'.
			if abs := imports.AbsoluteName(c.Index, c.File, imp); abs != "" {
				modName = abs
			}
		}
		var src *analysis.Summary
		var srcPath string
		resolved := false
		for _, in := range imp.Names {
			if len(in.Path) != 1 {
				continue
			}
			name := in.Path[0].Name
			if !isPrivateName(name) || exemptModuleNames[modName+"."+name] || u.inOwnAll(name) {
				continue
			}
			if !resolved && c.Index != nil {
				resolved = true
				src, srcPath = imports.SummaryOf(c.Index, c.File, imp)
			}
			// the module itself (its summary is of the checked text when it is open)
			if src != nil && (srcPath != "" && c.Index.SameFile(srcPath, c.File.Path) || slices.Contains(src.All, name)) {
				continue
			}
			what := "module"
			if len(imp.Module) == 0 {
				what = "package"
			}
			c.Report(in.Path[0].Span, fmt.Sprintf("'%s' is private to %s '%s'; importing it from another module works, but relies on an implementation detail that may change", name, what, modName))
		}
	}
	t := u.m.Tree
	for _, a := range u.m.Attrs {
		if !isPrivateName(a.Name) || u.inOwnAll(a.Name) || inAnnotation(t, a.Node) {
			continue
		}
		kind, _, mod, modName := u.receiver(a.Object, a.Scope)
		if kind != recvModule {
			continue
		}
		if exemptModuleNames[modName+"."+a.Name] {
			continue
		}
		// the checked text itself, when the index holds it open (as `mod == u.m` was
		// before modules were read from summaries; `pyward check` does not open files,
		// so there a module's access to its own private names through an import of
		// itself is reported)
		if mod != nil && (c.Index.OpenModule(mod.path) == u.m || slices.Contains(mod.s.All, a.Name)) {
			continue
		}
		c.Report(a.NameSpan, fmt.Sprintf("'%s' is private to module '%s'; using it from another module works, but relies on an implementation detail that may change", a.Name, modName))
	}
}

// joinSegments spells a dotted module path.
func joinSegments(segs []analysis.Segment) string {
	parts := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = s.Name
	}
	return strings.Join(parts, ".")
}
