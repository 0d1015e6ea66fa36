// Package hover holds every hover pyward shows: Import (the module or definition a
// part of an import statement resolves to), ImportedName (the same on a use of an
// imported name, with the signature from the .pyi stub when there is one and the
// docstring), Mangled (the spelling the compiler gives
// a private name in a class) and Dunder (what a special method, special attribute,
// operator, builtin or class call means in the Python data model, from the
// catalogue in analysis/dunder, with the user's own docstrings and signatures).
//
// The LSP hover handler asks them in that order. It reads analysis,
// analysis/imports, analysis/semantic and analysis/dunder.
package hover

import "github.com/pyward/pyward/analysis"

// Hover is the text shown for a hover, in both renderings, and the span it describes.
type Hover struct {
	Markdown string
	Plain    string
	Span     analysis.Span
}
