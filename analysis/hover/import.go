package hover

import (
	"fmt"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/pathing"
)

// Import describes the part of an import statement at offset: for the dots, a
// dotted segment, the `*` or an imported name that is a module, the module and the
// file it resolves to (relative to the workspace root that holds it), with its stub;
// for an imported name bound in its module, where it is finally defined. ok is false
// when offset is not on a resolvable part of an import.
func Import(ix *analysis.Index, f *analysis.File, offset uint32) (Hover, bool) {
	if ix == nil || f == nil || f.Module == nil {
		return Hover{}, false
	}
	imp := imports.StatementAt(f.Module, offset)
	if imp == nil || imp.Future {
		return Hover{}, false
	}
	res := imports.ResolveAt(ix, f, imp, offset, false)
	for i, seg := range imp.Module {
		if seg.Span.Touches(offset) {
			if i < len(res.Module) {
				return moduleHover(ix, res.Module[i].Module, seg.Span), true
			}
			return Hover{}, false
		}
	}
	if imp.DotsSpan.Touches(offset) {
		if res.Base == nil {
			return Hover{}, false
		}
		return moduleHover(ix, *res.Base, imp.DotsSpan), true
	}
	if imp.Star && imp.StarSpan.Touches(offset) && res.Source != nil {
		return moduleHover(ix, *res.Source, imp.StarSpan), true
	}
	for _, nr := range res.Names {
		for _, st := range nr.Segments {
			if st.Segment.Span.Touches(offset) {
				return moduleHover(ix, st.Module, st.Segment.Span), true
			}
		}
		in := nr.Name
		var sp analysis.Span
		switch {
		case len(in.Path) > 0 && in.Path[0].Span.Touches(offset) && imp.From:
			sp = in.Path[0].Span
		case in.Alias != nil && in.Alias.Span.Touches(offset):
			sp = in.Alias.Span
		default:
			continue
		}
		if !nr.Found {
			return Hover{}, false
		}
		if nr.Target.IsModule() {
			return moduleHover(ix, nr.Target.Module, sp), true
		}
		return bindingHover(ix, nr.Target, sp), true
	}
	return Hover{}, false
}

// kindWords names a module kind for people.
func kindWords(m pathing.Module) string {
	switch m.Kind {
	case pathing.KindPackage:
		return "package"
	case pathing.KindNamespace:
		return "namespace package"
	case pathing.KindExtension:
		return "extension module"
	}
	return "module"
}

// moduleHover is the hover of a module: its name and kind, and its files.
func moduleHover(ix *analysis.Index, m pathing.Module, sp analysis.Span) Hover {
	var md, plain strings.Builder
	fmt.Fprintf(&md, "```text\n%s %s\n```\n", kindWords(m), m.Name)
	fmt.Fprintf(&plain, "%s %s\n", kindWords(m), m.Name)
	line := func(label, path string) {
		fmt.Fprintf(&md, "\n%s `%s`", label, ix.DisplayPath(path))
		fmt.Fprintf(&plain, "%s %s\n", label, ix.DisplayPath(path))
	}
	if m.Path != "" {
		line("File:", m.Path)
	}
	if m.Stub != "" {
		line("Stub:", m.Stub)
	}
	if m.Kind == pathing.KindNamespace {
		for _, d := range m.Dirs {
			line("Folder:", d)
		}
	}
	return Hover{Markdown: strings.TrimRight(md.String(), "\n"), Plain: strings.TrimRight(plain.String(), "\n"), Span: sp}
}
