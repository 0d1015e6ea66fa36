package refactor

import (
	"regexp"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// rootOf is the module a name bound by an import denotes, and whether it is bound
// by a plain `import a.b` without alias (the name is then the top-level package).
type rootOf struct {
	mod   pathing.Module
	plain bool
	ok    bool
}

// bindingRoot resolves the module an import binding binds.
func (pl *planner) bindingRoot(path string, b *analysis.Binding, cache map[*analysis.Binding]rootOf) rootOf {
	if r, ok := cache[b]; ok {
		return r
	}
	var r rootOf
	old, _ := pl.worlds()
	if b.Kind == analysis.BindImport && b.Import != nil && b.ImportName != nil {
		n := b.ImportName
		if !b.Import.From {
			names := make([]string, len(n.Path))
			for i, s := range n.Path {
				names[i] = s.Name
			}
			if n.Alias == nil {
				names = names[:1]
			}
			if segs, _, ok := old.resolve(path, 0, names); ok && len(segs) > 0 {
				// `import json` keeps binding json when json is renamed (it becomes
				// `import new as json`): only dotted plain imports change their name.
				r = rootOf{mod: segs[len(segs)-1], plain: n.Alias == nil && len(n.Path) > 1, ok: true}
			}
		} else if src, ok := old.source(path, b.Import); ok {
			if _, sub := old.fromName(src, n.Path[0].Name); sub != nil {
				r = rootOf{mod: *sub, ok: true}
			}
		}
	}
	cache[b] = r
	return r
}

// chains plans the edits of attribute chains `a.b.c.x` whose root is a module bound
// by an import and whose dotted path crosses a moved module.
func (pl *planner) chains(m *analysis.Module, path string, stmtEdits []Edit) ([]Edit, error) {
	t := m.Tree
	cache := map[*analysis.Binding]rootOf{}
	// The top-level names plain imports bind once the statements are rewritten, by scope.
	rootsIn := map[*analysis.Scope]map[string]bool{}
	for _, imp := range m.Imports {
		if imp.From {
			continue
		}
		for _, n := range imp.Names {
			if n.Alias != nil {
				continue
			}
			first := n.Path[0].Name
			for _, e := range stmtEdits {
				if e.Span.Start == n.Path[0].Span.Start {
					if i := strings.Index(e.Text, " as "); i >= 0 {
						first = e.Text[i+len(" as "):]
					} else {
						first = strings.SplitN(e.Text, ".", 2)[0]
					}
				}
			}
			if rootsIn[imp.Scope] == nil {
				rootsIn[imp.Scope] = map[string]bool{}
			}
			rootsIn[imp.Scope][first] = true
		}
	}
	// bound reports whether a plain import binds name where scope reads it.
	bound := func(scope *analysis.Scope, name string) bool {
		for sc, first := scope, true; sc != nil; sc, first = sc.Parent, false {
			if !first && sc.Kind == analysis.ClassScope {
				continue
			}
			if rootsIn[sc][name] {
				return true
			}
		}
		return false
	}
	var edits []Edit
	for _, ref := range m.Refs {
		_, bs := m.Lookup(ref.Scope, ref.Name)
		if len(bs) == 0 {
			continue
		}
		var segs []string
		var ends []uint32
		for n := ref.Node; ; {
			p := t.Parent(n)
			if p == -1 || t.Type(p) != "attribute" || t.ChildByField(p, "object") != n {
				break
			}
			attr := t.ChildByField(p, "attribute")
			if attr == -1 {
				break
			}
			segs = append(segs, t.Text(attr))
			ends = append(ends, t.Nodes[attr].End)
			n = p
		}
		roots := map[string]rootOf{}
		allPlain, known := true, true
		for _, b := range bs {
			r := pl.bindingRoot(path, b, cache)
			if !r.ok {
				known = false
				continue
			}
			roots[r.mod.Name] = r
			allPlain = allPlain && r.plain
		}
		if len(roots) == 0 {
			continue
		}
		for name, r := range roots {
			k, nn, affected := pl.chainTarget(r.mod, name, segs)
			newR := pl.newName(r.mod)
			if !affected && r.plain && allPlain && known && newR != name {
				// The top-level package itself is renamed: the name changes with it.
				k, nn, affected = 0, newR, true
			}
			if !affected {
				if r.plain && len(roots) == 1 && !bound(ref.Scope, ref.Name) && pl.boundOnlyByImports(m, ref.Name) {
					return nil, declinef("%s:%d: %s would no longer be bound once its imports are rewritten", path, lineOf(m, ref.Span.Start), ref.Name)
				}
				continue
			}
			chain := strings.Join(append([]string{ref.Name}, segs[:k]...), ".")
			if !known || len(roots) > 1 {
				return nil, declinef("%s:%d: %s may or may not be the moved module %s", path, lineOf(m, ref.Span.Start), chain, name)
			}
			if nn == "" {
				return nil, declinef("%s:%d: %s would no longer be importable", path, lineOf(m, ref.Span.Start), chain)
			}
			var text string
			switch {
			case k > 0 && strings.HasPrefix(nn, newR+"."):
				text = ref.Name + nn[len(newR):]
			case allPlain:
				d := strings.SplitN(nn, ".", 2)[0]
				if !bound(ref.Scope, d) || !pl.boundOnlyByImports(m, d) {
					return nil, declinef("%s:%d: %s would become %s, but no import binds %s there", path, lineOf(m, ref.Span.Start), chain, nn, d)
				}
				text = nn
			default:
				return nil, declinef("%s:%d: %s moves out of %s", path, lineOf(m, ref.Span.Start), chain, name)
			}
			end := ref.Span.End
			if k > 0 {
				end = ends[k-1]
			}
			edits = append(edits, Edit{Span: analysis.Span{Start: ref.Span.Start, End: end}, Text: text})
		}
	}
	return edits, nil
}

// chainTarget finds the longest prefix of root.segs that names a moved module: its
// length, its new name, and whether the chain must change (the prefix does not
// simply follow the root's own rename). k is 0 when no prefix is moved.
func (pl *planner) chainTarget(root pathing.Module, name string, segs []string) (int, string, bool) {
	newR := pl.newName(root)
	for k := len(segs); k >= 1; k-- {
		old := name + "." + strings.Join(segs[:k], ".")
		nn, ok := pl.renamed[old]
		if !ok {
			continue
		}
		return k, nn, nn != newR+"."+strings.Join(segs[:k], ".")
	}
	return 0, "", false
}

// boundOnlyByImports reports whether every binding of name in m, in any scope, is a
// plain `import` without alias.
func (pl *planner) boundOnlyByImports(m *analysis.Module, name string) bool {
	for _, s := range m.Scopes {
		for _, b := range s.Bindings.Lookup(name) {
			if b.Kind != analysis.BindImport || b.Import == nil || b.Import.From || b.ImportName == nil || b.ImportName.Alias != nil {
				return false
			}
		}
	}
	return true
}

// dynamicImport finds string literals given to importlib.import_module or __import__.
var dynamicImport = regexp.MustCompile(`(?:import_module|__import__)\s*\(\s*[rRuU]?(?:'([^'\n]*)'|"([^"\n]*)")`)

// checkStrings declines the batch when a string in m names a moved module where
// Python will import it: importlib.import_module / __import__ literals, and an
// __init__'s __all__ listing a submodule that leaves the package.
func (pl *planner) checkStrings(path string, m *analysis.Module) error {
	src := m.Tree.Src
	for _, loc := range dynamicImport.FindAllSubmatchIndex(src, -1) {
		s := ""
		if loc[2] >= 0 {
			s = string(src[loc[2]:loc[3]])
		} else {
			s = string(src[loc[4]:loc[5]])
		}
		for old := range pl.renamed {
			last := old[strings.LastIndexByte(old, '.')+1:]
			rel := strings.TrimLeft(s, ".")
			if s == old || strings.HasPrefix(s, old+".") || strings.HasPrefix(s, ".") && (rel == last || strings.HasPrefix(rel, last+".") || strings.Contains("."+rel+".", "."+last+".")) {
				return declinef("%s:%d: the string %q names the moved module %s (dynamic imports are not rewritten)", path, lineOf(m, uint32(loc[0])), s, old)
			}
		}
	}
	if m.HasAll && isInit(path) {
		pkg, ok := pl.ix.Resolver.ModuleName(pl.p.f.Dirname(path), pl.roots)
		if !ok {
			return nil
		}
		newPkg := pkg
		if n, ok := pl.renamed[pkg]; ok {
			newPkg = n
		}
		for _, name := range m.All {
			nn, ok := pl.renamed[pkg+"."+name]
			if ok && nn != newPkg+"."+name && len(m.TopLevel(name)) == 0 {
				return declinef("%s: __all__ lists %s, which would no longer be a submodule of %s (strings are not rewritten)", path, name, pkg)
			}
		}
	}
	return nil
}
