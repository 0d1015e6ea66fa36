package imports

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

var (
	// from .m import   /  from pkg.m import a, b as c, pre  /  from . import (x, pre
	fromImportRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\s*from\s+(\.*)([\p{L}\p{N}_.]*)\s+import\s+\(?\s*(?:[\p{L}\p{N}_]+(?:\s+as\s+[\p{L}\p{N}_]+)?\s*,\s*)*([\p{L}\p{N}_]*)$`)
	})
	// mod.  /  pkg.sub.pre  (not preceded by another dot or a word character)
	attrChainRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[^\p{L}\p{N}_.])([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)\.([\p{L}\p{N}_]*)$`)
	})
)

// fromImportCompletion proposes what `from M import ` can import: the bindings of
// module M and, when M is a package, its submodules.
func fromImportCompletion(ix index, f *analysis.File, m []string, offset uint32) ([]CompletionItem, bool) {
	dots, dotted, prefix := len(m[1]), m[2], m[3]
	var names []string
	if dotted != "" {
		names = strings.Split(dotted, ".")
	}
	for _, n := range names {
		if n == "" {
			return nil, true
		}
	}
	if dots == 0 && len(names) == 0 {
		return nil, true
	}
	base, segs, ie := ix.resolveModule(f.Path, f.Notebook, dots, names)
	if ie != nil {
		return nil, true
	}
	var mod pathing.Module
	switch {
	case len(names) == 0 && base != nil:
		mod = *base
	case len(names) > 0 && len(segs) == len(names):
		mod = segs[len(segs)-1]
	default:
		return nil, true
	}
	return ix.members(mod, prefix, offset), true
}

// attributeCompletion proposes the attributes of a module after `mod.`, where mod is
// a name bound to a module by an import (or a chain of them: `pkg.sub.`): the
// module's bindings and its submodules. It answers only when the chain starts at an
// identifier in code (not in a string or a comment) that resolves to a module.
func attributeCompletion(ix index, f *analysis.File, m []string, offset uint32) []CompletionItem {
	chain, prefix := strings.Split(m[1], "."), m[2]
	start := offset - uint32(len(prefix)+1+len(m[1]))
	t := f.Module.Tree
	n := t.NodeAt(start)
	if n == syntax.NoNode || t.Type(n) != "identifier" || t.Nodes[n].Start != start || t.Text(n) != chain[0] {
		return nil
	}
	tg, ok := ix.resolveNameAt(f, chain[0], f.Module.ScopeOf(n), start, false)
	if !ok || !tg.IsModule() {
		return nil
	}
	for _, name := range chain[1:] {
		tg, ok = ix.fromImport(tg.Module, name, false, map[string]bool{})
		if !ok || !tg.IsModule() {
			return nil
		}
	}
	return ix.members(tg.Module, prefix, offset)
}

// members lists the names module mod offers that start with prefix: its top-level
// bindings (private ones only when prefix starts with "_") and its submodules.
func (ix index) members(mod pathing.Module, prefix string, offset uint32) []CompletionItem {
	replace := analysis.Span{Start: offset - uint32(len(prefix)), End: offset}
	wanted := func(name string) bool {
		return strings.HasPrefix(name, prefix) && (!strings.HasPrefix(name, "_") || strings.HasPrefix(prefix, "_"))
	}
	byName := map[string]CompletionItem{}
	if len(mod.Dirs) > 0 {
		for _, name := range ix.Resolver.ListModules(mod.Dirs) {
			if !wanted(name) {
				continue
			}
			item := CompletionItem{Label: name, Kind: "module", Replace: replace}
			if segs, _ := ix.Resolver.ResolveAbsolute([]string{name}, mod.Dirs); len(segs) == 1 {
				item = ix.moduleItem(name, segs[0], replace)
			}
			byName[name] = item
		}
	}
	if t := ix.moduleTarget(mod, false); t.File != nil {
		detail := ix.DisplayPath(t.Path)
		for name, bs := range t.File.Scope.Bindings.All() {
			if _, isSub := byName[name]; isSub || !wanted(name) {
				continue
			}
			kind := bindingKind(bs)
			if kind == "" {
				continue
			}
			byName[name] = CompletionItem{Label: name, Kind: kind, Detail: detail, Replace: replace}
		}
	}
	out := make([]CompletionItem, 0, len(byName))
	for _, it := range byName {
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// bindingKind is the completion kind of a name bound by bs: "function", "class" or
// "name"; "" when nothing really binds it (only del, or only an annotation).
func bindingKind(bs []*analysis.Binding) string {
	kind := ""
	for _, b := range bs {
		switch b.Kind {
		case analysis.BindDef:
			kind = "function"
		case analysis.BindClass:
			kind = "class"
		case analysis.BindDel, analysis.BindAnnotation, analysis.BindStarImport:
		default:
			if kind == "" {
				kind = "name"
			}
		}
	}
	return kind
}
