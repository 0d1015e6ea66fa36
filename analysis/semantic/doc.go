// Package semantic is pyward's knowledge of what names and expressions denote,
// beyond the bindings of one module: which callables are coroutine functions
// (Coroutines: async defs followed through self, cls, super() and base classes,
// imports into the workspace, and a table of the standard library's asyncio), and
// how the compiler mangles private names in classes (Mangle, MangledAt,
// ManglingClass), and the class model.
//
// The class model has two halves. classinfo.go is plain data computed from one
// module alone (ClassesOf → ModuleClasses → ClassInfo, Member): every class with its
// bases as dotted names as written, and its members from the body, from
// `self.x = …` / `cls.x = …` in its methods, annotations, __slots__ and dataclass
// fields, each with its kind (method, property, classmethod, staticmethod, attribute,
// nested class), whether it is async (a coroutine method, an async property) and the
// class its value is stated to be, as a dotted name (`client: Client`, `self.store =
// Store()`, a parameter's annotation). It holds no nodes of other modules, so it can
// be kept as a summary of a module that is not open. classes.go resolves it: bases
// through imports to a C3 MRO, member lookup along it, and the class of an
// expression where the code states it (`Foo(...)`, annotations of parameters,
// attributes and locals, return annotations, self, cls, super()); where nothing
// states it, the answer is unknown and the rules stay quiet. Coroutines answers
// with it (IsCoroutineCall, IsCoroutineAttribute for async properties, ClassOf for
// the receivers of the underscore rules).
//
// The rules in analysis/rules read it (one Coroutines per check, shared through
// CoroutinesOf) and so does analysis/hover. It reads analysis and, for names
// imported from other modules, analysis/imports.
package semantic
