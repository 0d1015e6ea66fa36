// Package analysis is pyward's model of Python source, shared by every feature.
//
// Build turns a parsed tree (analysis/syntax) into a Module: scopes, bindings,
// references, attributes, imports, classes, functions, __all__ and suppression
// comments. LineIndex converts byte offsets to and from LSP positions. Index is the
// workspace of modules (open buffers over files on disk, parsed lazily) with its
// import roots. Rule, Config, Context and Checker are the checks' entry point: the
// server and the CLI each construct a Checker and call its Check on a File.
//
// The handlers, the server and the CLI use it; it knows nothing about LSP. The
// rooms around it import it, never the other way round:
//
//	analysis/imports   import resolution against the Index: definition, completion, import problems
//	analysis/semantic  what names denote: coroutine functions, name mangling, classes
//	analysis/hover     every hover: dunders (from analysis/dunder), imports, mangled names
//	analysis/rules     the checks, one file each, registered with Register
//	analysis/dunder    the catalogue of the Python data model (data)
//	analysis/syntax    tree-sitter parsing and incremental edits
//	analysis/interpreter, analysis/diskcache  the Python interpreter's facts, cached on disk
//
// Dependencies run rules -> semantic -> imports -> analysis -> syntax, pathing, and
// hover -> semantic, imports, dunder.
package analysis
