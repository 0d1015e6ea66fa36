// Package pathing is pyward's path core: CPython 3.11's posixpath and ntpath
// ported to Go (both flavours, usable on any host), file URIs <-> paths as
// VS Code and Neovim spell them, CPython's os.path.realpath over a small
// filesystem interface, and Python module resolution (relative and absolute
// imports) in the order CPython's import system uses.
//
// Strings are handled as CPython handles str: indices that CPython takes in
// code points are taken in runes here, and case folding is CPython's
// str.lower (full mappings, Final_Sigma, Unicode 14.0), generated from CPython
// itself into pyunicode_table.go. The package knows nothing of Python syntax.
package pathing
