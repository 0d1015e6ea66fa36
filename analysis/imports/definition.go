package imports

import (
	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// Location is a place in a file that a feature points to (a definition, a module).
type Location struct {
	// Path is the file's path as the user would spell it (through symlinks, not the realpath).
	Path string
	// Span is the byte span in that file; empty at 0 for "the file itself".
	Span analysis.Span
	// Lines converts Span to positions; nil when Span is the start of the file.
	Lines *analysis.LineIndex
}

// Definition answers go-to-definition at offset in file f, preferring .py sources:
// on the dots of a relative import the package's __init__.py, on each dotted segment
// the module it resolves to, on each imported name (and its alias) its final
// definition, on a use of an imported name anywhere in the file the same, and on
// mod.attr where mod is an imported module the definition of attr in it. It returns
// nil when there is nothing to go to.
func Definition(ix *analysis.Index, f *analysis.File, offset uint32) []Location {
	return locate(index{Index: ix}, f, offset, false)
}

// Declaration is Definition preferring .pyi stubs where one exists.
func Declaration(ix *analysis.Index, f *analysis.File, offset uint32) []Location {
	return locate(index{Index: ix}, f, offset, true)
}

// locate is Definition and Declaration. It resolves lazily: the module where a name
// finally lives is not parsed, its summary gives the binding's span and its text the
// lines (a definition into a module not parsed yet cost a parse and Build of it).
func locate(ix index, f *analysis.File, offset uint32, stub bool) []Location {
	if ix.Index == nil || f == nil || f.Module == nil {
		return nil
	}
	ix.lazy = true
	if imp := StatementAt(f.Module, offset); imp != nil {
		return importLocations(ix, f, imp, offset, stub)
	}
	t := f.Module.Tree
	n := t.NodeAt(offset)
	if n == syntax.NoNode || t.Type(n) != "identifier" {
		return nil
	}
	p := t.Parent(n)
	if p != syntax.NoNode && t.Type(p) == "attribute" && t.ChildByField(p, "attribute") == n {
		if tg, ok := ix.resolveAttr(f, t.ChildByField(p, "object"), t.Text(n), stub); ok {
			return ix.targetLocations(tg)
		}
		return nil
	}
	if tg, ok := ix.resolveNameAt(f, t.Text(n), f.Module.ScopeOf(n), t.Nodes[n].Start, stub); ok {
		return ix.targetLocations(tg)
	}
	return nil
}

// StatementAt returns the import statement of m whose span holds offset, or nil.
func StatementAt(m *analysis.Module, offset uint32) *analysis.Import {
	for _, imp := range m.Imports {
		if imp.Span.Start <= offset && offset <= imp.Span.End {
			return imp
		}
	}
	return nil
}

// ResolveAt resolves import imp of f for a request at offset: its dots and
// segments, and of its names only the one at offset (none when offset is on no
// name); stub prefers .pyi stubs. Missing names are not judged.
func ResolveAt(ix *analysis.Index, f *analysis.File, imp *analysis.Import, offset uint32, stub bool) *Resolution {
	return index{Index: ix}.resolveAt(f, imp, offset, stub)
}

// resolveAt is ResolveAt, lazily when ix is lazy.
func (ix index) resolveAt(f *analysis.File, imp *analysis.Import, offset uint32, stub bool) *Resolution {
	o := resolveOpts{stub: stub}
	for _, in := range imp.Names {
		if len(in.Path) > 0 && in.Path[0].Span.Touches(offset) || in.Alias != nil && in.Alias.Span.Touches(offset) {
			o.names, o.only = true, in
		}
	}
	return ix.resolveImport(f, imp, o)
}

// importLocations answers definition on a part of an import statement.
func importLocations(ix index, f *analysis.File, imp *analysis.Import, offset uint32, stub bool) []Location {
	res := ix.resolveAt(f, imp, offset, stub)
	// Segments before the dots: `from .core` puts the cursor at the end of the dots
	// and the start of core at once, and the word wins.
	for i, seg := range imp.Module {
		if seg.Span.Touches(offset) {
			if i < len(res.Module) {
				return moduleLocations(res.Module[i].Module, stub)
			}
			return nil // a segment that does not resolve
		}
	}
	if imp.DotsSpan.Touches(offset) {
		if res.Base == nil {
			return nil
		}
		return moduleLocations(*res.Base, stub)
	}
	if imp.Star && imp.StarSpan.Touches(offset) && res.Source != nil {
		return moduleLocations(*res.Source, stub)
	}
	for _, nr := range res.Names {
		in := nr.Name
		if !imp.From {
			for _, st := range nr.Segments {
				if st.Segment.Span.Touches(offset) {
					return moduleLocations(st.Module, stub)
				}
			}
			if in.Alias != nil && in.Alias.Span.Touches(offset) && nr.Found {
				return ix.targetLocations(nr.Target)
			}
			continue
		}
		hit := len(in.Path) > 0 && in.Path[0].Span.Touches(offset) || in.Alias != nil && in.Alias.Span.Touches(offset)
		switch {
		case hit && nr.Found:
			return ix.targetLocations(nr.Target)
		case hit && res.Source != nil && !ix.namesSurelyKnown(*res.Source, map[string]bool{}):
			// A name the module binds in a way pyward cannot follow (globals().update,
			// __getattr__, a star import of an extension): the module is where it lives.
			return moduleLocations(*res.Source, stub)
		}
	}
	return nil
}

// moduleLocations is the start of module m's file (nothing for a namespace package).
func moduleLocations(m pathing.Module, stub bool) []Location {
	p := sourcePath(m, stub)
	if p == "" {
		return nil
	}
	return []Location{{Path: p}}
}

// targetLocations is where a target points: the binding's name, or the module's file.
// A binding resolved lazily is found in the module's summary (its first module-level
// binding, as Materialize would take it), its lines in the module's text.
func (ix index) targetLocations(t Target) []Location {
	switch {
	case t.IsModule():
		if t.Path == "" {
			return nil
		}
		return []Location{{Path: t.Path}}
	case t.Binding != nil:
		var lines *analysis.LineIndex
		if t.File != nil {
			lines = t.File.Lines
		}
		return []Location{{Path: t.Path, Span: t.Binding.Span, Lines: lines}}
	}
	s, err := ix.Summary(t.Path)
	if err != nil {
		return nil
	}
	b := s.FirstBinding(t.Name)
	if b == nil {
		return nil
	}
	lines, err := ix.Lines(t.Path)
	if err != nil || int(b.Span.End) > lines.Len() {
		return nil // the file changed under the summary
	}
	return []Location{{Path: t.Path, Span: b.Span, Lines: lines}}
}
