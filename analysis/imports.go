package analysis

// Import resolution: from an import statement to the files and definitions CPython
// would use, and the facts about other modules that the rules need.
//
// The API (the LSP handlers and the rules call these; nothing else is needed):
//
//	func (ix *Index) ResolveImport(f *File, imp *Import) *ImportResolution
//	    every part of one import statement: Base (the package the dots denote),
//	    Module (the module of each segment after `from`), Source (the module names
//	    are taken from), Names (per imported name: Segments of `import a.b.c`, and
//	    Target, the final definition or the module), Problems (what CPython raises,
//	    with its exact message: ProblemNotFound, ProblemBeyondTopLevel,
//	    ProblemMissingName). ResolveImportPref(f, imp, stub) prefers .pyi stubs.
//	func (ix *Index) ImportProblems(f *File, imp *Import, kinds ...ProblemKind) []ImportProblem
//	    only the Problems, cheaply (what the import rules call on every check).
//	func Definition(ix *Index, f *File, offset uint32) []Location   // prefers .py sources
//	func Declaration(ix *Index, f *File, offset uint32) []Location  // prefers .pyi stubs
//	    on the dots, each segment, each name, alias and `*` of an import, on uses of
//	    imported names anywhere in the file, and on mod.attr chains whose root is an
//	    imported module. A Location with an empty Span (Lines nil) is "the file".
//	func ImportHover(ix *Index, f *File, offset uint32) (Hover, bool)
//	    the module a part of an import resolves to, its file relative to the
//	    import root holding it (ix.DisplayPath), its stub; for a name, where it is
//	    finally defined.
//	func Completion(ix *Index, f *File, offset uint32) []CompletionItem
//	    module and package names after `from .`, `from ..pkg.`, `from pkg.`,
//	    `import pkg.`, and top-level ones after `from ` / `import `.
//
// For the rules that need facts about other modules:
//
//	func (ix *Index) ResolveName(f *File, name string, scope *Scope) (*Module, []*Binding)
//	    a name read in scope of f followed through imports (re-exports, aliases,
//	    __init__.py chains, star imports) to the module that defines it and its
//	    binding there; bindings nil when the name denotes a module; f's own
//	    module and bindings when f binds it itself; nil, nil when unknown.
//	func (ix *Index) ResolveNameTarget(f *File, name string, scope *Scope) (Target, bool)
//	    the same, only through imports, with the path of the defining file.
//	func (ix *Index) ResolveAttr(f *File, obj syntax.NodeID, attr string) (Target, bool)
//	    obj.attr where obj denotes an imported module (`mod`, `pkg.sub`).
//	func (ix *Index) ModuleOf(f *File, imp *Import) (*Module, string)
//	    the parsed module an import takes names from (`from M import`: M) and its path.
//	func (ix *Index) LookupIn(mod pathing.Module, name string) (Target, bool)
//	    a name bound at the top level of a resolved module, followed.
//	func FirstBinding(m *Module, name string) *Binding
//	    the binding CPython's `from m import name` is taken to land on: the first
//	    module-level binding in source order.
//
// f.Path is the importing file's path as the user spells it ("" for untitled
// documents: their relative imports do not resolve). A notebook cell (f.Notebook)
// passes "<folder>/__notebook_cell__.py": its relative imports resolve from that
// folder, and they get no diagnostics (CPython itself has no package there). Roots
// come from ix.Roots(). Paths in results are spelled as the importer and the roots
// spell them (through symlinks, never the realpath).
//
// CPython's order is followed throughout: a segment is a regular package, then a
// module, then a namespace package (pathing.Resolver decides); `from P import n`
// is first a name bound in P, then the submodule P.n; a name bound by an import is
// followed to its final definition (re-exports, `as` aliases, __init__.py chains,
// star imports honouring __all__). A chain stops at the import binding when the
// next module has no Python source (builtin and extension modules).
//
// Tests: testdata/imports/gen.py writes the expected targets of the fixture
// workspace testdata/imports/ws by importing it with python3;
// testdata/imports/stdlib_oracle.py is the oracle (importlib + ast) for every
// relative import of the standard library, run by TestStdlibDefinitionScore and
// BenchmarkDefinitionWarm/Cold.

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/pyward/pyward/analysis/syntax"
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

// ImportProblem is an error CPython raises when it executes the import, with
// CPython's exact message and the span of the part that fails.
type ImportProblem struct {
	Kind ProblemKind
	Msg  string
	Span Span
}

// SegmentTarget is one dotted segment of a module path and the module it resolves to.
type SegmentTarget struct {
	Segment Segment
	Module  pathing.Module
}

// NameResolution is what one imported name (`x`, `x as y`, or `a.b.c` in `import`)
// resolves to.
type NameResolution struct {
	Name *ImportName
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

// ImportResolution is what every part of one import statement resolves to.
type ImportResolution struct {
	Import *Import
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
	Problems []ImportProblem
}

// Target is where a name or module finally lives.
type Target struct {
	// Module is the module holding the definition, or the module the name denotes.
	Module pathing.Module
	// Path is the file of Module chosen by preference (.py or .pyi); "" for a
	// namespace package or an unreadable module.
	Path string
	// File is Path parsed; nil when Path is "" or not Python source.
	File *Module
	// Binding is the final binding in File; nil when the target is the module itself.
	Binding *Binding
}

// IsModule reports whether the target is a module rather than a binding in one.
func (t Target) IsModule() bool { return t.Binding == nil }

// maxFollow bounds the re-export chains followed, against pathological cycles.
const maxFollow = 64

// notebookCell is the base name the lead gives notebook cells' pseudo paths.
const notebookCell = "__notebook_cell__.py"

// resolveModule resolves a (possibly relative) module path for an importer. It
// returns the package of the dots (relative imports), the module of each name, and a
// CPython error when one applies; other failures (I/O) yield err == nil and short segs.
func (ix *Index) resolveModule(importer string, notebook bool, dots int, names []string) (*pathing.Module, []pathing.Module, *pathing.ImportError) {
	if dots == 0 {
		segs, err := ix.Resolver.ResolveAbsolute(names, ix.Roots())
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
func (ix *Index) nonPackageRoots(roots []string) []string {
	out := make([]string, 0, len(roots))
	for _, r := range roots {
		if ix.dirModule(r).Kind != pathing.KindPackage {
			out = append(out, r)
		}
	}
	return out
}

// dirModule describes a folder as a package: regular when it has an __init__, else namespace.
func (ix *Index) dirModule(dir string) pathing.Module {
	m := pathing.Module{Name: ix.Flavour.Basename(dir), Kind: pathing.KindNamespace, Dirs: []string{dir}}
	for _, name := range []string{"__init__.py", "__init__.pyi"} {
		p := ix.Flavour.Join(dir, name)
		if st, err := ix.FS.Stat(p); err == nil && !st.IsDir() {
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
func segmentNames(segs []Segment) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Name
	}
	return out
}

// ResolveImport resolves every part of import statement imp of file f, preferring
// .py sources for name targets (see ResolveImportPref).
func (ix *Index) ResolveImport(f *File, imp *Import) *ImportResolution {
	return ix.ResolveImportPref(f, imp, false)
}

// ResolveImportPref is ResolveImport; stub selects .pyi stubs over .py sources for
// the targets of names (declaration rather than definition).
func (ix *Index) ResolveImportPref(f *File, imp *Import, stub bool) *ImportResolution {
	return ix.resolveImport(f, imp, resolveOpts{stub: stub, names: true, problems: true})
}

// resolveOpts says how much of an import statement to resolve: requests resolve
// only the part under the cursor.
type resolveOpts struct {
	stub     bool        // prefer .pyi stubs
	names    bool        // resolve imported names (else only dots and segments)
	only     *ImportName // with names: resolve this name only
	problems bool        // judge missing names (costly: reads the source module's imports)
}

func (ix *Index) resolveImport(f *File, imp *Import, o resolveOpts) *ImportResolution {
	stub := o.stub
	res := &ImportResolution{Import: imp}
	if ix == nil || imp.Future {
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
				res.Problems = append(res.Problems, ImportProblem{Kind: ProblemNotFound, Msg: ie.Msg, Span: in.Path[ie.Segment].Span})
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
				res.Problems = append(res.Problems, ImportProblem{Kind: ProblemBeyondTopLevel, Msg: ie.Msg, Span: sp})
			}
		case (imp.Dots > 0 || ie.Segment > 0) && !ix.parentMayFake(base, segs, ie.Segment):
			sp := imp.DotsSpan
			if ie.Segment >= 0 && ie.Segment < len(imp.Module) {
				sp = imp.Module[ie.Segment].Span
			}
			res.Problems = append(res.Problems, ImportProblem{Kind: ProblemNotFound, Msg: ie.Msg, Span: sp})
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
			res.Problems = append(res.Problems, ImportProblem{
				Kind: ProblemMissingName,
				Msg:  fmt.Sprintf("cannot import name '%s' from '%s' (%s)", name, src.Name, moduleLocation(*src)),
				Span: in.Path[0].Span,
			})
		}
		res.Names = append(res.Names, nr)
	}
	return res
}

// ImportProblems returns the errors CPython raises for import imp of f, of the
// given kinds (all when none are given): ResolveImport's Problems, computed without
// resolving the targets of names, and without parsing the modules names come from
// when their text spells the name (then it is taken to be there).
func (ix *Index) ImportProblems(f *File, imp *Import, kinds ...ProblemKind) []ImportProblem {
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
	res := ix.resolveImport(f, imp, resolveOpts{problems: want(ProblemMissingName)})
	var out []ImportProblem
	for _, p := range res.Problems {
		if want(p.Kind) {
			out = append(out, p)
		}
	}
	return out
}

// surelyMissing reports whether `from src import name` surely fails: src has no
// such binding (also through star imports), no such submodule, and its names are
// surely known. resolved says the binding and submodule were already looked for.
func (ix *Index) surelyMissing(src pathing.Module, name string, resolved bool) bool {
	if isModuleAttribute(name) {
		return false
	}
	if !resolved {
		if ix.spellsWord(sourcePath(src, false), name) {
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
		if _, ok := ix.lookupIn(src, name, false, map[string]bool{}, 0); ok {
			return false
		}
	}
	return true
}

// spellsWord reports whether the text of the file at path contains name as a whole
// word (or cannot be read). It reads a parsed or open module's text, else the file.
func (ix *Index) spellsWord(path, name string) bool {
	if path == "" {
		return false
	}
	var src []byte
	ix.mu.Lock()
	k := ix.key(path)
	if f, ok := ix.open[k]; ok {
		src = f.Module.Tree.Src
	} else if m, ok := ix.disk[k]; ok {
		src = m.Tree.Src
	}
	ix.mu.Unlock()
	if src == nil {
		var err error
		if src, err = ix.FS.ReadFile(path); err != nil {
			return true
		}
	}
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte(name))
		if j < 0 {
			return false
		}
		j += i
		end := j + len(name)
		if (j == 0 || !identByte(src[j-1])) && (end == len(src) || !identByte(src[end])) {
			return true
		}
		i = j + 1
	}
}

// identByte reports whether c may be part of a Python identifier (any non-ASCII byte
// counts: it may belong to a letter).
func identByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// parentMayFake reports whether the parent of failing segment seg (segs[seg-1], or
// base for the first segment of a relative import) may put the missing module into
// sys.modules itself, as os does for os.path: then the failure is not sure.
func (ix *Index) parentMayFake(base *pathing.Module, segs []pathing.Module, seg int) bool {
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
	m, err := ix.Module(p)
	if err != nil {
		return true
	}
	return bytes.Contains(m.Tree.Src, []byte("sys.modules"))
}

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

// sourcePath picks the file of m to read: with stub, the .pyi stub when there is
// one; else the .py source when there is one. Extension modules have no source.
func sourcePath(m pathing.Module, stub bool) string {
	if stub && m.Stub != "" || !isSource(m.Path) {
		return m.Stub
	}
	return m.Path
}

// isSource reports whether path is a Python source file pyward can parse (not an
// extension module or sourceless bytecode).
func isSource(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".py")
}

// moduleTarget is the target "module m itself".
func (ix *Index) moduleTarget(m pathing.Module, stub bool) Target {
	t := Target{Module: m, Path: sourcePath(m, stub)}
	if t.Path != "" {
		if mod, err := ix.Module(t.Path); err == nil {
			t.File = mod
		}
	}
	return t
}

// fromImport resolves `from src import name` the way CPython does: a name bound in
// src (followed to its final definition), else the submodule src.name.
func (ix *Index) fromImport(src pathing.Module, name string, stub bool, seen map[string]bool) (Target, bool) {
	if t, ok := ix.lookupIn(src, name, stub, seen, 0); ok {
		return t, true
	}
	if sub, ok := ix.submodule(src, name); ok {
		return ix.moduleTarget(sub, stub), true
	}
	return Target{}, false
}

// LookupIn follows name bound at the top level of module mod (through imports and
// star imports) to its final definition, preferring .py sources. It does not look for
// submodules: see ResolveImport for `from P import sub`.
func (ix *Index) LookupIn(mod pathing.Module, name string) (Target, bool) {
	return ix.lookupIn(mod, name, false, map[string]bool{}, 0)
}

// submodule finds the submodule name of package p.
func (ix *Index) submodule(p pathing.Module, name string) (pathing.Module, bool) {
	if p.Kind != pathing.KindPackage && p.Kind != pathing.KindNamespace || len(p.Dirs) == 0 {
		return pathing.Module{}, false
	}
	segs, err := ix.Resolver.ResolveAbsolute([]string{name}, p.Dirs)
	if err != nil || len(segs) != 1 {
		return pathing.Module{}, false
	}
	sub := segs[0]
	if p.Name != "" {
		sub.Name = p.Name + "." + name
	}
	return sub, true
}

// FirstBinding returns the first module-level binding of name in m in source order
// (del statements do not bind), or nil.
func FirstBinding(m *Module, name string) *Binding {
	var first *Binding
	for _, b := range m.Scope.Bindings[name] {
		if b.Kind == BindDel || b.Kind == BindStarImport {
			continue
		}
		if first == nil || b.Span.Start < first.Span.Start {
			first = b
		}
	}
	return first
}

// lookupIn follows name bound at the top level of mod to its final definition.
func (ix *Index) lookupIn(mod pathing.Module, name string, stub bool, seen map[string]bool, depth int) (Target, bool) {
	path := sourcePath(mod, stub)
	if path == "" || depth > maxFollow {
		return Target{}, false
	}
	key := path + "\x00" + name
	if seen[key] {
		return Target{}, false
	}
	seen[key] = true
	if !ix.mayBind(path, name) {
		return Target{}, false
	}
	m, err := ix.Module(path)
	if err != nil {
		return Target{}, false
	}
	if b := FirstBinding(m, name); b != nil {
		here := Target{Module: mod, Path: path, File: m, Binding: b}
		if b.Kind == BindImport && b.Import != nil && b.ImportName != nil {
			if t, ok := ix.followImport(path, b, stub, seen, depth+1); ok {
				return t, true
			}
		}
		return here, true
	}
	// star imports, in source order
	for _, imp := range m.Imports {
		if !imp.Star || imp.Scope != m.Scope {
			continue
		}
		_, segs, ie := ix.resolveModule(path, false, imp.Dots, segmentNames(imp.Module))
		var src pathing.Module
		switch {
		case ie != nil:
			continue
		case len(imp.Module) == 0 && imp.Dots > 0:
			base, _, _ := ix.resolveModule(path, false, imp.Dots, nil)
			if base == nil {
				continue
			}
			src = *base
		case len(segs) == len(imp.Module) && len(segs) > 0:
			src = segs[len(segs)-1]
		default:
			continue
		}
		if !ix.mayExport(sourcePath(src, stub), name) {
			continue
		}
		exported, inAll := ix.starExports(src, name, stub)
		if !exported {
			continue
		}
		if t, ok := ix.lookupIn(src, name, stub, seen, depth+1); ok {
			return t, true
		}
		if inAll {
			if sub, ok := ix.submodule(src, name); ok {
				return ix.moduleTarget(sub, stub), true
			}
		}
	}
	return Target{}, false
}

// starImport matches a star import in source text.
var starImport = regexp.MustCompile(`import\s*\*`)

// mayBind reports whether the module at path may bind name, without parsing it
// when it is not parsed yet: a module whose text neither spells the name nor
// has a star import cannot bind it. It spares a cold request from parsing every
// module a package star-imports (asyncio/__init__.py) only to find the submodule.
func (ix *Index) mayBind(path, name string) bool {
	return ix.textAnswer(path, "bind:"+name, func(src []byte, facts textFacts) bool {
		return facts.star || bytes.Contains(src, []byte(name))
	})
}

// textFacts are what the pre-filters learn from a module's text once.
type textFacts struct {
	star      bool // the text has a star import
	staticAll bool // the text assigns __all__, and only literal lists or tuples
}

// textEntry caches, per file, its textFacts and the answers given about it.
type textEntry struct {
	facts   textFacts
	answers map[string]bool
}

// textAnswer answers a question about the text of the module at path, caching the
// answer until the file is invalidated: true when the module is open or parsed
// (then the model answers exactly), or when its text cannot be read.
func (ix *Index) textAnswer(path, question string, answer func(src []byte, facts textFacts) bool) bool {
	ix.mu.Lock()
	k := ix.key(path)
	_, open := ix.open[k]
	_, parsed := ix.disk[k]
	entry := ix.text[k]
	if entry != nil {
		if v, ok := entry.answers[question]; ok {
			ix.mu.Unlock()
			return v
		}
	}
	ix.mu.Unlock()
	if open || parsed {
		return true
	}
	src, err := ix.FS.ReadFile(path)
	if err != nil {
		return true // let Module report it
	}
	if entry == nil {
		entry = &textEntry{
			facts: textFacts{
				star:      starImport.Match(src),
				staticAll: bytes.Contains(src, []byte("__all__")) && !dynamicAll.Match(src),
			},
			answers: map[string]bool{},
		}
	}
	v := answer(src, entry.facts)
	ix.mu.Lock()
	if ix.text == nil {
		ix.text = map[string]*textEntry{}
	}
	if cur := ix.text[k]; cur != nil {
		entry = cur
	}
	entry.answers[question] = v
	ix.text[k] = entry
	ix.mu.Unlock()
	return v
}

// dynamicAll matches an assignment to __all__ of something other than a literal
// list or tuple.
var dynamicAll = regexp.MustCompile(`(?m)^__all__\s*(=|\+=)\s*[^\s\[(\\]`)

// mayExport reports whether `from <module at path> import *` may bind name, without
// parsing the module when it is not parsed yet: a module with a star import of its
// own may; one with a literal __all__ must spell the name as a string; one without
// __all__ must spell it at all.
func (ix *Index) mayExport(path, name string) bool {
	return ix.textAnswer(path, "export:"+name, func(src []byte, facts textFacts) bool {
		switch {
		case facts.star:
			return true
		case facts.staticAll:
			return bytes.Contains(src, []byte(`"`+name+`"`)) || bytes.Contains(src, []byte(`'`+name+`'`))
		}
		return bytes.Contains(src, []byte(name))
	})
}

// starExports reports whether `from src import *` may bind name: it is in src's
// static __all__ (inAll), or src has no __all__ and name is public.
func (ix *Index) starExports(src pathing.Module, name string, stub bool) (exported, inAll bool) {
	path := sourcePath(src, stub)
	if path == "" {
		return false, false
	}
	m, err := ix.Module(path)
	if err != nil {
		return false, false
	}
	if m.HasAll && !m.DynamicAll {
		for _, n := range m.All {
			if n == name {
				return true, true
			}
		}
		return false, false
	}
	return !strings.HasPrefix(name, "_"), false
}

// followImport follows an import binding b found in the module at path.
func (ix *Index) followImport(path string, b *Binding, stub bool, seen map[string]bool, depth int) (Target, bool) {
	imp, in := b.Import, b.ImportName
	if !imp.From {
		names := segmentNames(in.Path)
		if in.Alias == nil {
			names = names[:1] // `import a.b.c` binds a
		}
		_, segs, ie := ix.resolveModule(path, false, 0, names)
		if ie != nil || len(segs) != len(names) {
			return Target{}, false
		}
		return ix.moduleTarget(segs[len(segs)-1], stub), true
	}
	if imp.Future {
		return Target{}, false
	}
	base, segs, ie := ix.resolveModule(path, false, imp.Dots, segmentNames(imp.Module))
	if ie != nil {
		return Target{}, false
	}
	var src pathing.Module
	switch {
	case len(imp.Module) == 0 && base != nil:
		src = *base
	case len(imp.Module) > 0 && len(segs) == len(imp.Module):
		src = segs[len(segs)-1]
	default:
		return Target{}, false
	}
	name := in.Path[0].Name
	if t, ok := ix.lookupIn(src, name, stub, seen, depth); ok {
		return t, true
	}
	if sub, ok := ix.submodule(src, name); ok {
		return ix.moduleTarget(sub, stub), true
	}
	return Target{}, false
}

// dynamicMarkers are spellings in a module's source that may bind names pyward
// cannot see; a module containing one does not have surely known names.
var dynamicMarkers = []string{"sys.modules", "__dict__", "setattr(", "vars(", "locals()", "exec(", "__path__", "extend_path", "global_enum"}

// namesSurelyKnown reports whether every name module m binds at run time is visible
// to pyward: Python source (not an extension, bytecode or a stub only), no module __getattr__,
// no globals() writes or other dynamic binding, and star imports it can see through.
func (ix *Index) namesSurelyKnown(m pathing.Module, seen map[string]bool) bool {
	if m.Kind == pathing.KindExtension || !isSource(m.Path) {
		return false
	}
	if seen[m.Path] {
		return true
	}
	seen[m.Path] = true
	if len(seen) > maxFollow {
		return false
	}
	mod, err := ix.Module(m.Path)
	if err != nil {
		return false
	}
	if mod.HasGetattr || mod.WritesGlobals || mod.DynamicAll {
		return false
	}
	src := mod.Tree.Src
	for _, marker := range dynamicMarkers {
		if strings.Contains(string(src), marker) {
			return false
		}
	}
	for _, imp := range mod.Imports {
		if !imp.Star {
			continue
		}
		if imp.Scope != mod.Scope {
			return false
		}
		base, segs, ie := ix.resolveModule(m.Path, false, imp.Dots, segmentNames(imp.Module))
		if ie != nil {
			return false
		}
		var sm pathing.Module
		switch {
		case len(imp.Module) == 0 && base != nil:
			sm = *base
		case len(imp.Module) > 0 && len(segs) == len(imp.Module):
			sm = segs[len(segs)-1]
		default:
			return false
		}
		if !ix.namesSurelyKnown(sm, seen) {
			return false
		}
	}
	return true
}

// ModuleOf returns the parsed module an import statement takes names from (`from M
// import ...`: M; `import a.b`: a.b, of its first name) and its path, preferring the
// .py source. It returns nil when the module does not resolve or has no source.
func (ix *Index) ModuleOf(f *File, imp *Import) (*Module, string) {
	res := ix.ResolveImport(f, imp)
	var m pathing.Module
	switch {
	case imp.From && res.Source != nil:
		m = *res.Source
	case !imp.From && len(res.Names) > 0 && res.Names[0].Found:
		m = res.Names[0].Target.Module
	default:
		return nil, ""
	}
	t := ix.moduleTarget(m, false)
	return t.File, t.Path
}

// ResolveName follows a name as read in scope of file f to its final defining
// module and bindings: when the name is bound by an import (or brought in by a star
// import), the module that defines it and its binding there; when it is bound in f,
// f's module and those bindings. It returns nil, nil when the name is unknown
// (builtins, unresolvable imports). When the name denotes a module, the bindings
// are nil and the module is that module.
func (ix *Index) ResolveName(f *File, name string, scope *Scope) (*Module, []*Binding) {
	t, ok := ix.ResolveNameTarget(f, name, scope)
	if !ok {
		if sc, bs := f.Module.Lookup(scope, name); sc != nil {
			return f.Module, bs
		}
		return nil, nil
	}
	if t.Binding == nil {
		return t.File, nil
	}
	return t.File, []*Binding{t.Binding}
}

// ResolveNameTarget follows a name read in scope of f through imports to its final
// definition in another module. ok is false when the name is not bound by an import
// or a star import, or does not resolve.
func (ix *Index) ResolveNameTarget(f *File, name string, scope *Scope) (Target, bool) {
	return ix.resolveNameAt(f, name, scope, ^uint32(0), false)
}

// resolveNameAt is ResolveNameTarget for a read at offset.
func (ix *Index) resolveNameAt(f *File, name string, scope *Scope, offset uint32, stub bool) (Target, bool) {
	if ix == nil {
		return Target{}, false
	}
	m := f.Module
	if scope == nil {
		scope = m.Scope
	}
	sc, bs := m.Lookup(scope, name)
	if sc != nil {
		b := bindingBefore(bs, offset)
		if b == nil || b.Kind != BindImport || b.Import == nil || b.ImportName == nil {
			return Target{}, false
		}
		return ix.importBindingTarget(f, b, stub)
	}
	// brought in by a star import of f?
	for _, imp := range m.Imports {
		if !imp.Star || imp.Scope != m.Scope {
			continue
		}
		res := ix.resolveImport(f, imp, resolveOpts{stub: stub})
		if res.Source == nil {
			continue
		}
		if exported, inAll := ix.starExports(*res.Source, name, stub); exported {
			if t, ok := ix.lookupIn(*res.Source, name, stub, map[string]bool{}, 0); ok {
				return t, true
			}
			if inAll {
				if sub, ok := ix.submodule(*res.Source, name); ok {
					return ix.moduleTarget(sub, stub), true
				}
			}
		}
	}
	return Target{}, false
}

// bindingBefore picks, of the bindings of one name in one scope, the last one that
// starts before offset, else the first.
func bindingBefore(bs []*Binding, offset uint32) *Binding {
	var best, first *Binding
	for _, b := range bs {
		if b.Kind == BindDel || b.Kind == BindStarImport {
			continue
		}
		if first == nil || b.Span.Start < first.Span.Start {
			first = b
		}
		if b.Span.Start <= offset && (best == nil || b.Span.Start > best.Span.Start) {
			best = b
		}
	}
	if best != nil {
		return best
	}
	return first
}

// importBindingTarget is the target of an import binding b of file f.
func (ix *Index) importBindingTarget(f *File, b *Binding, stub bool) (Target, bool) {
	res := ix.resolveImport(f, b.Import, resolveOpts{stub: stub, names: true, only: b.ImportName})
	for _, nr := range res.Names {
		if nr.Name != b.ImportName {
			continue
		}
		if !b.Import.From && b.ImportName.Alias == nil {
			// `import a.b.c` binds a
			if len(nr.Segments) == 0 {
				return Target{}, false
			}
			return ix.moduleTarget(nr.Segments[0].Module, stub), true
		}
		return nr.Target, nr.Found
	}
	return Target{}, false
}

// ResolveAttr resolves obj.attr in file f where the expression obj denotes a module
// (a name bound by an import, or a chain of them: `pkg.sub`): the binding attr in that
// module followed to its final definition, else the submodule. ok is false when obj
// is not a module pyward can resolve or attr is unknown there.
func (ix *Index) ResolveAttr(f *File, obj syntax.NodeID, attr string) (Target, bool) {
	return ix.resolveAttr(f, obj, attr, false)
}

func (ix *Index) resolveAttr(f *File, obj syntax.NodeID, attr string, stub bool) (Target, bool) {
	mt, ok := ix.exprModule(f, obj, stub, 0)
	if !ok {
		return Target{}, false
	}
	return ix.fromImport(mt.Module, attr, stub, map[string]bool{})
}

// exprModule resolves an expression to the module it denotes, when it does.
func (ix *Index) exprModule(f *File, n syntax.NodeID, stub bool, depth int) (Target, bool) {
	if ix == nil || n == syntax.NoNode || depth > 16 {
		return Target{}, false
	}
	t := f.Module.Tree
	switch t.Type(n) {
	case "identifier":
		tg, ok := ix.resolveNameAt(f, t.Text(n), f.Module.ScopeOf(n), t.Nodes[n].Start, stub)
		if !ok || !tg.IsModule() {
			return Target{}, false
		}
		return tg, true
	case "attribute":
		attr := t.ChildByField(n, "attribute")
		if attr == syntax.NoNode {
			return Target{}, false
		}
		tg, ok := ix.resolveAttr(f, t.ChildByField(n, "object"), t.Text(attr), stub)
		if !ok || !tg.IsModule() {
			return Target{}, false
		}
		return tg, true
	case "parenthesized_expression":
		if kids := t.NamedChildren(n); len(kids) == 1 {
			return ix.exprModule(f, kids[0], stub, depth+1)
		}
	}
	return Target{}, false
}
