package imports

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// ProblemKind says which error CPython raises for an import.
type ProblemKind int

// The import errors pyward reports.
const (
	// ProblemNotFound is ModuleNotFoundError: "No module named 'pkg.missing'".
	ProblemNotFound ProblemKind = iota + 1
	// ProblemBeyondTopLevel is ImportError: "attempted relative import beyond top-level
	// package" (or "... with no known parent package").
	ProblemBeyondTopLevel
	// ProblemMissingName is ImportError: "cannot import name 'x' from 'pkg.m' (/path/pkg/m.py)".
	ProblemMissingName
)

// Problem is an error CPython raises when it executes the import, with
// CPython's exact message and the span of the part that fails.
type Problem struct {
	Kind ProblemKind
	Msg  string
	Span analysis.Span
}

// SegmentTarget is one dotted segment of a module path and the module it resolves to.
type SegmentTarget struct {
	Segment analysis.Segment
	Module  pathing.Module
}

// NameResolution is what one imported name (`x`, `x as y`, or `a.b.c` in `import`)
// resolves to.
type NameResolution struct {
	Name *analysis.ImportName
	// Segments holds, for `import a.b.c`, the module of each segment (shorter when
	// resolution stopped). Empty for from-imports.
	Segments []SegmentTarget
	// Target is where the name leads: for from-imports the binding in the source
	// module (followed to its final definition) or the submodule; for `import a.b.c`
	// the module a.b.c (the alias binds it) .
	Target Target
	// Found is false when the name could not be resolved.
	Found bool
}

// Resolution is what every part of one import statement resolves to.
type Resolution struct {
	Import *analysis.Import
	// Base is the package the leading dots denote (relative imports only).
	Base *pathing.Module
	// Module holds the module of each segment after `from` (shorter when resolution
	// stopped). For `from . import x` it is empty and Base is the source module.
	Module []SegmentTarget
	// Names resolves each imported name, in the order of Import.Names.
	Names []NameResolution
	// Source is the module names are imported from (`from M import ...`), when resolved.
	Source *pathing.Module
	// Problems are the errors CPython raises for this statement (at most one is the
	// first CPython meets; missing names are listed each).
	Problems []Problem
}

// Target is where a name or module finally lives.
type Target struct {
	// Module is the module holding the definition, or the module the name denotes.
	Module pathing.Module
	// Path is the file of Module chosen by preference (.py or .pyi); "" for a
	// namespace package or an unreadable module.
	Path string
	// File is Path parsed; nil when Path is "" or not Python source, or when the
	// target was resolved lazily (ResolveLazy and the other ...Lazy functions).
	File *analysis.Module
	// Binding is the final binding in File; nil when the target is the module itself
	// or was resolved lazily.
	Binding *analysis.Binding
	// Name is the name of the final binding (its first module-level binding in Path's
	// module); "" when the target is the module itself.
	Name string
}

// IsModule reports whether the target is a module rather than a binding in one.
func (t Target) IsModule() bool { return t.Binding == nil && t.Name == "" }

// maxFollow bounds the re-export chains followed, against pathological cycles.
const maxFollow = 64

// notebookCell is the base name the lead gives notebook cells' pseudo paths.
const notebookCell = "__notebook_cell__.py"

// resolveModule resolves a (possibly relative) module path for an importer. It
// returns the package of the dots (relative imports), the module of each name, and a
// CPython error when one applies; other failures (I/O) yield err == nil and short segs.
func (ix index) resolveModule(importer string, notebook bool, dots int, names []string) (*pathing.Module, []pathing.Module, *pathing.ImportError) {
	if dots == 0 {
		roots := ix.Roots()
		if !notebook {
			roots = ix.RootsFor(importer)
		}
		segs, err := ix.Resolver.ResolveAbsolute(names, roots)
		return nil, segs, importError(err)
	}
	if importer == "" {
		return nil, nil, nil
	}
	if notebook {
		// A notebook's relative imports resolve from its folder.
		dir := ix.Flavour.Dirname(importer)
		for i := 1; i < dots; i++ {
			dir = ix.Flavour.Dirname(dir)
		}
		base := ix.dirModule(dir)
		if len(names) == 0 {
			return &base, nil, nil
		}
		segs, err := ix.Resolver.ResolveAbsolute(names, []string{dir})
		return &base, segs, importError(err)
	}
	roots := ix.Roots()
	base, segs, err := ix.Resolver.ResolveRelative(importer, dots, names, roots)
	ie := importError(err)
	if ie != nil && ie.Kind == pathing.ErrBeyondTopLevel {
		// A workspace folder that is itself a regular package (it has an __init__) is
		// imported from its parent: CPython sees its files as modules of that package
		// when the program runs as `python -m pkg.mod`. Resolve without such roots.
		if alt := ix.nonPackageRoots(roots); len(alt) < len(roots) {
			base, segs, err = ix.Resolver.ResolveRelative(importer, dots, names, alt)
			if ie = importError(err); ie == nil || ie.Kind != pathing.ErrBeyondTopLevel {
				return &base, segs, ie
			}
		}
		return nil, nil, ie
	}
	return &base, segs, ie
}

// nonPackageRoots returns roots without the folders that are regular packages.
func (ix index) nonPackageRoots(roots []string) []string {
	out := make([]string, 0, len(roots))
	for _, r := range roots {
		if ix.dirModule(r).Kind != pathing.KindPackage {
			out = append(out, r)
		}
	}
	return out
}

// dirModule describes a folder as a package: regular when it has an __init__, else namespace.
func (ix index) dirModule(dir string) pathing.Module {
	m := pathing.Module{Name: ix.Flavour.Basename(dir), Kind: pathing.KindNamespace, Dirs: []string{dir}}
	for _, name := range []string{"__init__.py", "__init__.pyi"} {
		p := ix.Flavour.Join(dir, name)
		if ix.Resolver.IsFile(p) {
			m.Kind = pathing.KindPackage
			if name == "__init__.py" {
				m.Path = p
			} else {
				m.Stub = p
			}
		}
	}
	return m
}

// importError extracts pyward's CPython import error from err.
func importError(err error) *pathing.ImportError {
	var ie *pathing.ImportError
	if errors.As(err, &ie) {
		return ie
	}
	return nil
}

// segmentNames returns the names of segs.
func segmentNames(segs []analysis.Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Name
	}
	return out
}

// Resolve resolves every part of import statement imp of file f, preferring
// .py sources for name targets (see ResolvePref).
func Resolve(ix *analysis.Index, f *analysis.File, imp *analysis.Import) *Resolution {
	return ResolvePref(ix, f, imp, false)
}

// ResolveLazy is Resolve without parsing the targets' modules: their File and
// Binding are nil, Name names the binding (see Target). Module summaries answer what
// the walk needs.
func ResolveLazy(ix *analysis.Index, f *analysis.File, imp *analysis.Import) *Resolution {
	return index{Index: ix, lazy: true}.resolveImport(f, imp, resolveOpts{names: true, problems: true})
}

// ResolvePref is Resolve; stub selects .pyi stubs over .py sources for
// the targets of names (declaration rather than definition).
func ResolvePref(ix *analysis.Index, f *analysis.File, imp *analysis.Import, stub bool) *Resolution {
	return index{Index: ix}.resolveImport(f, imp, resolveOpts{stub: stub, names: true, problems: true})
}

// resolveOpts says how much of an import statement to resolve: requests resolve
// only the part under the cursor.
type resolveOpts struct {
	stub     bool                 // prefer .pyi stubs
	names    bool                 // resolve imported names (else only dots and segments)
	only     *analysis.ImportName // with names: resolve this name only
	problems bool                 // judge missing names (costly: reads the source module's imports)
}

func (ix index) resolveImport(f *analysis.File, imp *analysis.Import, o resolveOpts) *Resolution {
	stub := o.stub
	res := &Resolution{Import: imp}
	if ix.Index == nil || imp.Future {
		return res
	}
	if !imp.From {
		for _, in := range imp.Names {
			nr := NameResolution{Name: in}
			_, segs, ie := ix.resolveModule(f.Path, f.Notebook, 0, segmentNames(in.Path))
			for i, m := range segs {
				if i < len(in.Path) {
					nr.Segments = append(nr.Segments, SegmentTarget{Segment: in.Path[i], Module: m})
				}
			}
			if ie != nil && ie.Segment > 0 && ie.Segment < len(in.Path) && !(f.IsStub() && stubOnly(segs, ie)) && !ix.parentMayFake(nil, segs, ie.Segment) {
				// The first segment is found: the failure is sure (an unknown top-level
				// module may just be missing from pyward's roots).
				res.Problems = append(res.Problems, Problem{Kind: ProblemNotFound, Msg: ie.Msg, Span: in.Path[ie.Segment].Span})
			}
			if o.names && (o.only == nil || o.only == in) && len(segs) == len(in.Path) && len(segs) > 0 && (ie == nil || stubOnly(segs, ie)) {
				nr.Target = ix.moduleTarget(segs[len(segs)-1], stub)
				nr.Found = true
			}
			res.Names = append(res.Names, nr)
		}
		return res
	}

	base, segs, ie := ix.resolveModule(f.Path, f.Notebook, imp.Dots, segmentNames(imp.Module))
	res.Base = base
	for i, m := range segs {
		if i < len(imp.Module) {
			res.Module = append(res.Module, SegmentTarget{Segment: imp.Module[i], Module: m})
		}
	}
	if ie != nil && !(f.IsStub() && stubOnly(segs, ie)) {
		switch {
		case ie.Kind == pathing.ErrBeyondTopLevel:
			if !f.Notebook {
				sp := imp.DotsSpan
				if len(imp.Module) > 0 {
					sp.End = imp.Module[len(imp.Module)-1].Span.End
				}
				res.Problems = append(res.Problems, Problem{Kind: ProblemBeyondTopLevel, Msg: ie.Msg, Span: sp})
			}
		case (imp.Dots > 0 || ie.Segment > 0) && !ix.parentMayFake(base, segs, ie.Segment):
			sp := imp.DotsSpan
			if ie.Segment >= 0 && ie.Segment < len(imp.Module) {
				sp = imp.Module[ie.Segment].Span
			}
			res.Problems = append(res.Problems, Problem{Kind: ProblemNotFound, Msg: ie.Msg, Span: sp})
		}
	}
	var src *pathing.Module
	switch {
	case len(imp.Module) == 0 && base != nil:
		src = base
	case len(imp.Module) > 0 && len(segs) == len(imp.Module) && (ie == nil || stubOnly(segs, ie)):
		src = &segs[len(segs)-1]
	}
	res.Source = src
	if src == nil {
		for _, in := range imp.Names {
			res.Names = append(res.Names, NameResolution{Name: in})
		}
		return res
	}
	// Names are judged when the source module is really where CPython looks: for
	// absolute imports only when the module was found in pyward's roots.
	for _, in := range imp.Names {
		nr := NameResolution{Name: in}
		if len(in.Path) == 0 {
			res.Names = append(res.Names, nr)
			continue
		}
		name := in.Path[0].Name
		target := o.names && (o.only == nil || o.only == in)
		if target {
			nr.Target, nr.Found = ix.fromImport(*src, name, stub, map[string]bool{})
		}
		if o.problems && !f.IsStub() && !(target && nr.Found) && ix.surelyMissing(*src, name, target) {
			res.Problems = append(res.Problems, Problem{
				Kind: ProblemMissingName,
				Msg:  fmt.Sprintf("cannot import name '%s' from '%s' (%s)", name, src.Name, moduleLocation(*src)),
				Span: in.Path[0].Span,
			})
		}
		res.Names = append(res.Names, nr)
	}
	return res
}

// Problems returns the errors CPython raises for import imp of f, of the
// given kinds (all when none are given): Resolve's Problems, computed without
// resolving the targets of names, and without parsing the modules names come from
// when their text spells the name (then it is taken to be there).
func Problems(ix *analysis.Index, f *analysis.File, imp *analysis.Import, kinds ...ProblemKind) []Problem {
	if ix == nil {
		return nil
	}
	want := func(k ProblemKind) bool {
		if len(kinds) == 0 {
			return true
		}
		for _, w := range kinds {
			if w == k {
				return true
			}
		}
		return false
	}
	if imp.Dots == 0 && (index{Index: ix}).hookedImport(topNames(imp)) {
		return nil // served by an import hook installed at start-up: pyward cannot judge
	}
	res := (index{Index: ix}).resolveImport(f, imp, resolveOpts{problems: want(ProblemMissingName)})
	var out []Problem
	for _, p := range res.Problems {
		if want(p.Kind) {
			out = append(out, p)
		}
	}
	return out
}

// topNames are the top-level modules an absolute import statement imports.
func topNames(imp *analysis.Import) []string {
	if imp.From {
		if len(imp.Module) == 0 {
			return nil
		}
		return []string{imp.Module[0].Name}
	}
	var out []string
	for _, n := range imp.Names {
		if len(n.Path) > 0 {
			out = append(out, n.Path[0].Name)
		}
	}
	return out
}

// surelyMissing reports whether `from src import name` surely fails: src has no
// such binding (also through star imports), no such submodule, and its names are
// surely known. resolved says the binding and submodule were already looked for.
func (ix index) surelyMissing(src pathing.Module, name string, resolved bool) bool {
	if isModuleAttribute(name) {
		return false
	}
	if !resolved {
		if ix.SpellsWord(sourcePath(src, false), name) {
			return false // a binding most likely: not worth parsing to be sure
		}
		if _, ok := ix.submodule(src, name); ok {
			return false
		}
	}
	if !ix.namesSurelyKnown(src, map[string]bool{}) {
		return false
	}
	if !resolved {
		if _, ok := ix.find(src, name, false, map[string]bool{}, 0, false); ok {
			return false
		}
	}
	return true
}

// parentMayFake reports whether the parent of failing segment seg (segs[seg-1], or
// base for the first segment of a relative import) may put the missing module into
// sys.modules itself, as os does for os.path, or through an import hook it installs:
// then the failure is not sure.
func (ix index) parentMayFake(base *pathing.Module, segs []pathing.Module, seg int) bool {
	var parent *pathing.Module
	switch {
	case seg > 0 && seg <= len(segs):
		parent = &segs[seg-1]
	case seg == 0:
		parent = base
	}
	if parent == nil {
		return false
	}
	p := sourcePath(*parent, false)
	if p == "" {
		return parent.Kind == pathing.KindExtension
	}
	s, err := ix.Summary(p)
	if err != nil {
		return true
	}
	for _, marker := range importHookMarkers {
		if has, known := s.Spells(marker); has || !known {
			return true
		}
	}
	return false
}

// importHookMarkers are spellings of a module that serves modules itself: it writes
// sys.modules (as os does for os.path), or installs an import hook (a sys.meta_path
// finder, as gi.repository does for GLib and Gtk; a sys.path_hooks entry).
var importHookMarkers = []string{"sys.modules", "meta_path", "path_hooks"}

// stubOnly reports whether resolution failed only because its last segment exists
// as a .pyi stub alone (then segs ends with that stub-only module).
func stubOnly(segs []pathing.Module, ie *pathing.ImportError) bool {
	if ie == nil || ie.Segment != len(segs)-1 || len(segs) == 0 {
		return false
	}
	last := segs[len(segs)-1]
	return last.Path == "" && last.Stub != ""
}

// moduleLocation is how CPython's ImportError names a module's file.
func moduleLocation(m pathing.Module) string {
	if m.Path == "" {
		return "unknown location"
	}
	return m.Path
}

// isModuleAttribute reports whether getattr(module, name) succeeds for every module:
// dunders (__name__, __file__, __dict__, __class__, ...).
func isModuleAttribute(name string) bool {
	return len(name) > 4 && strings.HasPrefix(name, "__") && strings.HasSuffix(name, "__")
}
