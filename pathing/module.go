package pathing

import "fmt"

// Kind is what an import resolved to.
type Kind int

const (
	// KindModule is a module file: x.py (or a sourceless x.pyc), or a stub-only x.pyi.
	KindModule Kind = iota + 1
	// KindPackage is a regular package: a folder with __init__.py (or an extension __init__).
	KindPackage
	// KindNamespace is a PEP 420 namespace package: folders without __init__, possibly several.
	KindNamespace
	// KindExtension is an extension module: x.cpython-311-x86_64-linux-gnu.so, x.abi3.so, x.so, x.pyd...
	KindExtension
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case KindModule:
		return "module"
	case KindPackage:
		return "package"
	case KindNamespace:
		return "namespace"
	case KindExtension:
		return "extension"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Module is one resolved module or package.
type Module struct {
	// Name is the full dotted name, as CPython would name it given the root.
	Name string
	// Kind says what was found.
	Kind Kind
	// Path is the file the import system would load: x.py, pkg/__init__.py, the
	// extension file, or "" for a namespace package and for a stub-only module.
	Path string
	// Stub is the .pyi beside Path (x.pyi, pkg/__init__.pyi; for a namespace
	// package, __init__.pyi in its first portion; for a stub-only module, the
	// stub itself), or "".
	Stub string
	// Dirs is the package's __path__ (one folder for a regular package, every
	// portion in search order for a namespace package); nil for modules.
	Dirs []string
}

// IsPackage reports whether m has a __path__ (regular or namespace package).
func (m Module) IsPackage() bool { return m.Dirs != nil }

// Importable reports whether CPython could import m at run time: false for
// a stub-only module (only x.pyi exists).
func (m Module) Importable() bool { return m.Path != "" || m.Kind == KindNamespace }

// ErrorKind classifies an ImportError.
type ErrorKind int

const (
	// ErrNotFound is CPython's ModuleNotFoundError.
	ErrNotFound ErrorKind = iota + 1
	// ErrBeyondTopLevel is a relative import that climbs to or above the
	// import root ("attempted relative import beyond top-level package", or
	// "attempted relative import with no known parent package" when the
	// importer is not in a package at all).
	ErrBeyondTopLevel
)

// String names the error kind.
func (k ErrorKind) String() string {
	switch k {
	case ErrNotFound:
		return "not-found"
	case ErrBeyondTopLevel:
		return "beyond-top-level"
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// ImportError is an import CPython would refuse, with CPython's message.
type ImportError struct {
	Kind ErrorKind
	// Name is the full dotted name that failed; for ErrBeyondTopLevel, the
	// import as written relative ("..x.y").
	Name string
	// Segment is the index in names of the failing segment, -1 when the
	// leading dots themselves fail (ErrBeyondTopLevel).
	Segment int
	// Msg is CPython's exception message, e.g. "No module named 'pkg.missing'".
	Msg string
}

// Error returns Msg.
func (e *ImportError) Error() string { return e.Msg }
