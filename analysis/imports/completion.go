package imports

import (
	"regexp"
	"strings"
	"sync"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// CompletionItem is one completion proposal.
type CompletionItem struct {
	Label  string
	Detail string
	// Kind is "module", "package", "function", "class" or "name".
	Kind string
	// Replace is the span the label replaces (the partial word already typed).
	Replace analysis.Span
}

// The import contexts completion understands, matched against the text of the line
// before the cursor.
var (
	// from .  /  from ..pkg.sub  /  from pkg.  /  from pk
	fromModuleRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*from\s+(\.*)([\p{L}\p{N}_.]*)$`) })
	// import pkg.  /  import a, b.c as d, pkg.su
	importModuleRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\s*import\s+(?:[\p{L}\p{N}_.]+(?:\s+as\s+[\p{L}\p{N}_]+)?\s*,\s*)*([\p{L}\p{N}_.]*)$`)
	})
)

// Completion proposes module and package names where an import statement expects a
// module: after `from .`, `from ..pkg.`, `from pkg.`, `import pkg.` (the modules of
// that package's folders), and after `from ` / `import ` (the top-level modules of the
// import roots). After `from M import ` it proposes M's bindings and submodules, and
// after `mod.` (mod bound to a module by an import) the module's bindings and
// submodules. It returns nil elsewhere.
func Completion(ix *analysis.Index, f *analysis.File, offset uint32) []CompletionItem {
	if ix == nil || f == nil || f.Module == nil {
		return nil
	}
	lines := f.Module.Lines
	line := int(lines.Position(offset, analysis.UTF8).Line)
	start := lines.LineStart(line)
	if offset < start || int(offset) > len(f.Module.Tree.Src) {
		return nil
	}
	before := string(f.Module.Tree.Src[start:offset])
	dots, dotted := 0, ""
	if m := fromImportRe().FindStringSubmatch(before); m != nil {
		items, _ := fromImportCompletion(index{Index: ix}, f, m, offset)
		return items
	} else if m := fromModuleRe().FindStringSubmatch(before); m != nil {
		dots, dotted = len(m[1]), m[2]
	} else if m := importModuleRe().FindStringSubmatch(before); m != nil {
		dotted = m[1]
	} else if m := attrChainRe().FindStringSubmatch(before); m != nil {
		return attributeCompletion(index{Index: ix}, f, m, offset)
	} else {
		return nil
	}
	parts := strings.Split(dotted, ".")
	prefix, names := parts[len(parts)-1], parts[:len(parts)-1]
	for _, n := range names {
		if n == "" {
			return nil // `from a..b`: not a module path
		}
	}
	var dirs []string
	switch {
	case dots == 0 && len(names) == 0:
		dirs = ix.Roots()
	default:
		base, segs, ie := index{Index: ix}.resolveModule(f.Path, f.Notebook, dots, names)
		if ie != nil {
			return nil
		}
		switch {
		case len(names) == 0 && base != nil:
			dirs = base.Dirs
		case len(names) > 0 && len(segs) == len(names):
			dirs = segs[len(segs)-1].Dirs
		}
	}
	if len(dirs) == 0 {
		return nil
	}
	replace := analysis.Span{Start: offset - uint32(len(prefix)), End: offset}
	var out []CompletionItem
	for _, name := range ix.Resolver.ListModules(dirs) {
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		item := CompletionItem{Label: name, Kind: "module", Replace: replace}
		if segs, _ := ix.Resolver.ResolveAbsolute([]string{name}, dirs); len(segs) == 1 {
			item = index{Index: ix}.moduleItem(name, segs[0], replace)
		}
		out = append(out, item)
	}
	return out
}

// moduleItem is the completion item label for module m: a module or a package, with the
// file or folder it lives in.
func (ix index) moduleItem(label string, m pathing.Module, replace analysis.Span) CompletionItem {
	item := CompletionItem{Label: label, Kind: "module", Replace: replace}
	if m.Kind == pathing.KindPackage || m.Kind == pathing.KindNamespace {
		item.Kind = "package"
	}
	switch {
	case m.Path != "":
		item.Detail = ix.DisplayPath(m.Path)
	case m.Stub != "":
		item.Detail = ix.DisplayPath(m.Stub)
	case len(m.Dirs) > 0:
		item.Detail = ix.DisplayPath(m.Dirs[0])
	}
	return item
}
