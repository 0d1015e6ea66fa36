// Package imports is pyward's import resolution: from an import statement to the
// files and definitions CPython would use, against the workspace index
// (analysis.Index), and the facts about other modules that the rules need. The LSP
// handlers (definition, declaration, completion), analysis/hover, analysis/semantic
// and analysis/rules use it; it reads analysis and pathing.
//
// Statements:
//
//	func Resolve(ix *analysis.Index, f *analysis.File, imp *analysis.Import) *Resolution
//	    every part of one import statement: Base (the package the dots denote),
//	    Module (the module of each segment after `from`), Source (the module names
//	    are taken from), Names (per imported name: Segments of `import a.b.c`, and
//	    Target, the final definition or the module), Problems (what CPython raises,
//	    with its exact message: ProblemNotFound, ProblemBeyondTopLevel,
//	    ProblemMissingName). ResolvePref(ix, f, imp, stub) prefers .pyi stubs;
//	    ResolveAt(ix, f, imp, offset, stub) resolves only the part under a cursor.
//	func Problems(ix *analysis.Index, f *analysis.File, imp *analysis.Import, kinds ...ProblemKind) []Problem
//	    only the Problems, cheaply (what the import rules call on every check).
//
// Requests:
//
//	func Definition(ix *analysis.Index, f *analysis.File, offset uint32) []Location   // prefers .py sources
//	func Declaration(ix *analysis.Index, f *analysis.File, offset uint32) []Location  // prefers .pyi stubs
//	    on the dots, each segment, each name, alias and `*` of an import, on uses of
//	    imported names anywhere in the file, and on mod.attr chains whose root is an
//	    imported module. A Location with an empty Span (Lines nil) is "the file".
//	func Completion(ix *analysis.Index, f *analysis.File, offset uint32) []CompletionItem
//	    module and package names after `from .`, `from ..pkg.`, `from pkg.`,
//	    `import pkg.`, and top-level ones after `from ` / `import `.
//
// (The import hover is analysis/hover's Import, built on ResolveAt.)
//
// Facts about other modules, for the rules and analysis/semantic:
//
//	func ResolveName(ix *analysis.Index, f *analysis.File, name string, scope *analysis.Scope) (*analysis.Module, []*analysis.Binding)
//	    a name read in scope of f followed through imports (re-exports, aliases,
//	    __init__.py chains, star imports) to the module that defines it and its
//	    binding there; bindings nil when the name denotes a module; f's own
//	    module and bindings when f binds it itself; nil, nil when unknown.
//	func ResolveNameTarget(ix *analysis.Index, f *analysis.File, name string, scope *analysis.Scope) (Target, bool)
//	    the same, only through imports, with the path of the defining file.
//	func ResolveAttr(ix *analysis.Index, f *analysis.File, obj syntax.NodeID, attr string) (Target, bool)
//	    obj.attr where obj denotes an imported module (`mod`, `pkg.sub`).
//	func ModuleOf(ix *analysis.Index, f *analysis.File, imp *analysis.Import) (*analysis.Module, string)
//	    the parsed module an import takes names from (`from M import`: M) and its path.
//	func SummaryOf(ix *analysis.Index, f *analysis.File, imp *analysis.Import) (*analysis.Summary, string)
//	    the same module's summary (analysis.Summary), without parsing it.
//	func LookupIn(ix *analysis.Index, mod pathing.Module, name string) (Target, bool)
//	    a name bound at the top level of a resolved module, followed.
//	func ResolveLazy, ResolveNameTargetLazy, LookupInLazy
//	    Resolve, ResolveNameTarget and LookupIn without parsing the targets' modules:
//	    Target.File and Binding stay nil and Target.Name names the binding.
//	func FirstBinding(m *analysis.Module, name string) *analysis.Binding
//	    the binding CPython's `from m import name` is taken to land on: the first
//	    module-level binding in source order.
//
// Re-export chains and star imports are walked through the modules' summaries
// (Index.Summary); only the module where a name finally lives is parsed, and only when
// the caller reads Target.File or Binding.
//
// A nil Index resolves nothing. f.Path is the importing file's path as the user
// spells it ("" for untitled documents: their relative imports do not resolve). A
// notebook cell (f.Notebook) passes "<folder>/__notebook_cell__.py": its relative
// imports resolve from that folder, and they get no diagnostics (CPython itself has
// no package there). Roots come from ix.Roots(). Paths in results are spelled as the
// importer and the roots spell them (through symlinks, never the realpath).
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
package imports
