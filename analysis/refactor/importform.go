package refactor

import (
	"strings"

	"github.com/pyward/pyward/analysis"
)

// FormSwitch is the edit that writes one from-import in the other form: relative
// (`from .x import y`) or absolute (`from pkg.x import y`).
type FormSwitch struct {
	// Title says what the edit does, for a code action.
	Title string
	Span  analysis.Span
	Text  string
}

// SwitchImportForm returns the edit that rewrites the `from` import of f at offset
// from relative to absolute or back, when both forms load the same module there, as
// CPython resolves them: the relative form needs the file's package (a file that is
// not in a package, or a top-level one, has none; a script run as __main__ has none
// either, and is taken to be imported as a module of its folders), and may not climb
// beyond its top-level package; the absolute form must find the same file through
// the import roots (not another module of that name earlier on sys.path).
func SwitchImportForm(ix *analysis.Index, f *analysis.File, offset uint32) (FormSwitch, bool) {
	if f.Path == "" || f.Notebook {
		return FormSwitch{}, false
	}
	w := world{ix: ix, roots: ix.Roots(), module: func(p string) (*analysis.Module, bool) {
		m, err := ix.Module(p)
		return m, err == nil
	}}
	for _, imp := range f.Module.Imports {
		if !imp.From || imp.Future || offset < imp.Span.Start || offset > imp.Span.End {
			continue
		}
		src, ok := w.source(f.Path, imp)
		if !ok || src.Name == "" {
			return FormSwitch{}, false
		}
		start, end := imp.DotsSpan.Start, imp.DotsSpan.End
		if imp.Dots == 0 {
			start = imp.Module[0].Span.Start
		}
		if len(imp.Module) > 0 {
			end = imp.Module[len(imp.Module)-1].Span.End
		}
		var text, title string
		if imp.Dots > 0 {
			text, title = src.Name, "Use an absolute import: from "+src.Name
		} else {
			pkg, ok := ix.Resolver.ModuleName(ix.Flavour.Dirname(f.Path), w.roots)
			if !ok {
				return FormSwitch{}, false
			}
			rel, ok := relative(pkg, src.Name)
			if !ok {
				return FormSwitch{}, false
			}
			text, title = rel, "Use a relative import: from "+rel
		}
		// Both forms must load the same module from this file.
		dots := strings.IndexFunc(text, func(r rune) bool { return r != '.' })
		if dots < 0 {
			dots = len(text)
		}
		var parts []string
		if rest := text[dots:]; rest != "" {
			parts = strings.Split(rest, ".")
		}
		segs, base, ok := w.resolve(f.Path, dots, parts)
		if !ok {
			return FormSwitch{}, false
		}
		other := base
		if len(segs) > 0 {
			other = &segs[len(segs)-1]
		}
		if other == nil || w.key(*other) != w.key(src) {
			return FormSwitch{}, false
		}
		return FormSwitch{Title: title, Span: analysis.Span{Start: start, End: end}, Text: text}, true
	}
	return FormSwitch{}, false
}
