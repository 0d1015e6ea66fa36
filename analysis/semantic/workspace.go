package semantic

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/pathing"
)

// resolveWorkspaceImport follows an import binding into the workspace through the
// Index (imports.Resolve: relative and absolute imports, re-exports, star imports
// honouring __all__): `from .m import f` to the def of f, `import pkg.m as x` to the
// module. ok is false when there is no Index or the import does not resolve; names in
// the standard-library tables are left to them.
func (c *Coroutines) resolveWorkspaceImport(m *analysis.Module, b *analysis.Binding, only bool) (value, bool) {
	if c.ix == nil || c.ix.Resolver == nil {
		return value{}, false
	}
	imp, in := b.Import, b.ImportName
	qual := ""
	if imp.Dots == 0 {
		if imp.From {
			qual = foldAsyncio(joinSegs(imp.Module) + "." + in.Path[0].Name)
		} else if in.Alias != nil {
			qual = foldAsyncio(joinSegs(in.Path))
		} else {
			qual = in.Path[0].Name
		}
		if known(qual) {
			return value{}, false
		}
	}
	f := c.file
	if m != c.m || f == nil {
		f = &analysis.File{Path: c.paths[m], Module: m}
	}
	if only && b.Scope != nil {
		// the only binding of its name in its scope: resolve just this name, not every
		// name of the statement, once
		if r, ok := c.imported[b]; ok {
			return r.v, r.ok
		}
		c.imported[b] = importedValue{} // a cycle back here is unknown
		var r importedValue
		if t, ok := imports.ResolveNameTargetLazy(c.ix, f, b.Name, b.Scope); ok {
			r.v, r.ok = c.targetValue(qual, t)
		}
		c.imported[b] = r
		return r.v, r.ok
	}
	res, ok := c.resolved[imp]
	if !ok {
		res = imports.ResolveLazy(c.ix, f, imp)
		c.resolved[imp] = res
	}
	if res == nil {
		return value{}, false
	}
	for _, nr := range res.Names {
		if nr.Name != in || !nr.Found {
			continue
		}
		if !imp.From && in.Alias == nil {
			// import a.b.c binds a: the module of the first segment
			if len(nr.Segments) == 0 {
				return value{}, false
			}
			return c.moduleValue(qual, nr.Segments[0].Module), true
		}
		return c.targetValue(qual, nr.Target)
	}
	return value{}, false
}

// targetValue is the value of an Index target: a module, or the final binding of a name.
func (c *Coroutines) targetValue(qual string, t imports.Target) (value, bool) {
	if t.IsModule() {
		return c.moduleValue(qual, t.Module), true
	}
	if t.Binding == nil {
		// resolved lazily: the name's first binding at the top level of t.Path
		if t.Path == "" || t.Name == "" {
			return value{}, false
		}
		s, err := c.ix.Summary(t.Path)
		if err != nil {
			return value{}, false
		}
		return c.summaryTopLevel(t.Path, s, t.Name)
	}
	if t.File == nil || t.Binding.Scope == nil {
		return value{}, false
	}
	c.remember(t.File, t.Path)
	return c.evalName(t.File, t.Binding.Scope, t.Binding.Name), true
}

// absoluteModule resolves the dotted module name q through the Index, as a module value.
func (c *Coroutines) absoluteModule(q string) (value, bool) {
	if c.ix == nil || c.ix.Resolver == nil || q == "" {
		return value{}, false
	}
	names := strings.Split(q, ".")
	segs, err := c.ix.Resolver.ResolveAbsolute(names, c.ix.Roots())
	if err != nil || len(segs) != len(names) {
		return value{}, false
	}
	return c.moduleValue(q, segs[len(segs)-1]), true
}

// moduleValue is the value of a resolved module. It holds no model: moduleMember
// reads the module's summary, and parses the module only for a name it cannot answer.
func (c *Coroutines) moduleValue(qual string, pm pathing.Module) value {
	return value{kind: valModule, qual: qual, pm: &pm}
}

// moduleSource is the file of a resolved module pyward reads its names from: its .py
// source (not for namespace packages, extensions and stub-only modules).
func moduleSource(pm *pathing.Module) string {
	if pm == nil || pm.Path == "" || !(strings.HasSuffix(pm.Path, ".py") || strings.HasSuffix(pm.Path, ".pyw")) {
		return ""
	}
	return pm.Path
}

// loadPath returns the parsed module at path, remembering its path for relative
// imports in it; nil when it cannot be parsed.
func (c *Coroutines) loadPath(path string) *analysis.Module {
	mod, err := c.ix.Module(path)
	if err != nil {
		return nil
	}
	c.remember(mod, path)
	return mod
}

// remember records the path of a module reached through the Index.
func (c *Coroutines) remember(m *analysis.Module, path string) {
	if _, ok := c.paths[m]; !ok && path != "" {
		c.paths[m] = path
	}
}
