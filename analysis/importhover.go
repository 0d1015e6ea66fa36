package analysis

import (
	"fmt"
	"strings"

	"github.com/pyward/pyward/pathing"
)

// ImportHover describes the part of an import statement at offset: for the dots, a
// dotted segment, the `*` or an imported name that is a module, the module and the
// file it resolves to (relative to the workspace root that holds it), with its stub;
// for an imported name bound in its module, where it is finally defined. ok is false
// when offset is not on a resolvable part of an import.
func ImportHover(ix *Index, f *File, offset uint32) (Hover, bool) {
	if ix == nil || f == nil || f.Module == nil {
		return Hover{}, false
	}
	imp := importAt(f.Module, offset)
	if imp == nil || imp.Future {
		return Hover{}, false
	}
	o := resolveOpts{}
	for _, in := range imp.Names {
		if len(in.Path) > 0 && within(in.Path[0].Span, offset) || in.Alias != nil && within(in.Alias.Span, offset) {
			o.names, o.only = true, in
		}
	}
	res := ix.resolveImport(f, imp, o)
	for i, seg := range imp.Module {
		if within(seg.Span, offset) {
			if i < len(res.Module) {
				return ix.moduleHover(res.Module[i].Module, seg.Span), true
			}
			return Hover{}, false
		}
	}
	if within(imp.DotsSpan, offset) {
		if res.Base == nil {
			return Hover{}, false
		}
		return ix.moduleHover(*res.Base, imp.DotsSpan), true
	}
	if imp.Star && within(imp.StarSpan, offset) && res.Source != nil {
		return ix.moduleHover(*res.Source, imp.StarSpan), true
	}
	for _, nr := range res.Names {
		for _, st := range nr.Segments {
			if within(st.Segment.Span, offset) {
				return ix.moduleHover(st.Module, st.Segment.Span), true
			}
		}
		in := nr.Name
		var sp Span
		switch {
		case len(in.Path) > 0 && within(in.Path[0].Span, offset) && imp.From:
			sp = in.Path[0].Span
		case in.Alias != nil && within(in.Alias.Span, offset):
			sp = in.Alias.Span
		default:
			continue
		}
		if !nr.Found {
			return Hover{}, false
		}
		if nr.Target.IsModule() {
			return ix.moduleHover(nr.Target.Module, sp), true
		}
		return ix.bindingHover(nr.Target, sp), true
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

// DisplayPath spells path for a person: relative to the outermost import root that
// holds it (the workspace folder rather than its src/), with that root named when it
// is not the workspace folder (a folder of the installed Python, another folder).
// The workspace folder is taken to be the first root or a folder holding it.
func (ix *Index) DisplayPath(path string) string {
	roots := ix.Roots()
	best, bestRel := "", ""
	for _, r := range roots {
		if rel, ok := ix.below(path, r); ok && (best == "" || len(rel) > len(bestRel)) {
			best, bestRel = r, rel
		}
	}
	if best == "" {
		return path
	}
	if _, ok := ix.below(roots[0], best); ok || ix.Flavour.Normcase(ix.Flavour.Normpath(roots[0])) == ix.Flavour.Normcase(ix.Flavour.Normpath(best)) {
		return bestRel
	}
	return fmt.Sprintf("%s (in %s)", bestRel, best)
}

// below returns path relative to dir when path lies strictly inside dir.
func (ix *Index) below(path, dir string) (string, bool) {
	rel, err := ix.Flavour.Relpath(path, dir)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || strings.HasPrefix(rel, ".."+ix.Flavour.Sep()) {
		return "", false
	}
	return rel, true
}

// moduleHover is the hover of a module: its name and kind, and its files.
func (ix *Index) moduleHover(m pathing.Module, sp Span) Hover {
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

// bindingHover is the hover of an imported name: where it is finally defined.
func (ix *Index) bindingHover(t Target, sp Span) Hover {
	line := 0
	if t.File != nil {
		line = int(t.File.Lines.Position(t.Binding.Span.Start, UTF8).Line) + 1
	}
	what := map[BindingKind]string{
		BindDef: "function", BindClass: "class", BindImport: "import", BindFor: "loop variable", BindWith: "with target",
	}[t.Binding.Kind]
	if what == "" {
		what = "variable"
	}
	where := fmt.Sprintf("%s:%d", ix.DisplayPath(t.Path), line)
	return Hover{
		Markdown: fmt.Sprintf("```text\n%s %s\n```\nDefined in `%s` (%s %s)", what, t.Binding.Name, where, kindWords(t.Module), t.Module.Name),
		Plain:    fmt.Sprintf("%s %s\nDefined in %s (%s %s)", what, t.Binding.Name, where, kindWords(t.Module), t.Module.Name),
		Span:     sp,
	}
}
