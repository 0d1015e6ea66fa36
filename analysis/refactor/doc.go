// Package refactor plans the edits that keep a Python workspace's imports binding
// the same modules and objects when its files and folders are moved or renamed.
//
// The API:
//
//	func PlanMoves(ctx context.Context, ix *analysis.Index, ws Workspace, moves []Move) (*Plan, error)
//	    for one batch of file and folder renames inside the workspace folders, the
//	    text edits (on the files as they are before the move) and the stubs that must
//	    move with their sources; or a *Declined error saying why no edit is safe.
//	    Never a partial plan. ws names the workspace folders and a Scanner that
//	    remembers, between plans, the identifiers of each file (by size and mtime).
//	func ModuleAt(ix *analysis.Index, f *analysis.File, offset uint32) (pathing.Module, bool)
//	func ModuleReferences(ctx context.Context, ix *analysis.Index, ws Workspace, target pathing.Module) ([]Reference, error)
//	    the module an import names at a cursor (or the file's own, on its first
//	    line), and every import of a module in the workspace.
//	func MemberReferences(ctx context.Context, ix *analysis.Index, ws Workspace, f *analysis.File, offset uint32) ([]Reference, bool, error)
//	    the references of a private (_x) or mangled (__x, _C__x) class member.
//	func SwitchImportForm(ix *analysis.Index, f *analysis.File, offset uint32) (FormSwitch, bool)
//	    a from-import written in its other form (relative <-> absolute), when both
//	    load the same module.
//
// What is rewritten, in every .py and .pyi file of the workspace:
//   - importers of a moved module: `import a.b`, `import a.b as c`, `from a import b`
//     (b the moved submodule; `as b` is added when its name changes), `from a.b import x`,
//     the relative forms, and `a.b.x` attribute chains after `import a.b`;
//   - the moved files' own imports, recomputed from their new place: relative imports
//     stay relative and absolute ones absolute; a relative import that would climb
//     beyond the top-level package becomes absolute;
//   - `__init__.py` re-exports (`from .impl import thing`) like any other import.
//
// What is not: module names in strings (`importlib.import_module("a.b")`, `__all__`,
// `mock.patch("a.b.x")`, entry points, configuration). A string literal passed to
// importlib.import_module or __import__ that names a moved module, and an `__all__`
// that lists a submodule moving out of its package, make the batch declined rather
// than silently broken; other strings are left alone.
//
// How it is made safe: the planner resolves every import of the affected files twice,
// as the files are now and as they will be (an overlay filesystem that shows the
// moves done), with pyward's CPython-exact resolver; a statement is rewritten only
// when its unchanged text would bind something else after the move, and every
// rewritten statement is parsed and resolved again in the new world and must bind
// exactly what the original bound. Any difference declines the whole batch.
//
// Tests: testdata/rename/gen.py is the CPython oracle; the server's rename test
// moves files and folders of real package trees at random through the LSP request
// and has CPython compare every import's binding before and after.
// testdata/references/gen.py is the oracle of ModuleReferences (asyncio/events.py).
package refactor
