// Package semantic is pyward's knowledge of what names and expressions denote,
// beyond the bindings of one module: which callables are coroutine functions
// (Coroutines: async defs followed through self, cls, super() and base classes,
// imports into the workspace, and a table of the standard library's asyncio), and
// how the compiler mangles private names in classes (Mangle, MangledAt,
// ManglingClass). Knowledge about classes (their members, bases, MRO and types)
// belongs here too: classes.go is where it starts.
//
// The rules in analysis/rules read it (one Coroutines per check, shared through
// CoroutinesOf) and so does analysis/hover. It reads analysis and, for names
// imported from other modules, analysis/imports.
package semantic
