package syntax

/*
#include <stdint.h>
typedef struct TSTree TSTree;
*/
import "C"

import (
	"errors"
	"fmt"
)

// Point is a row and a byte column, as tree-sitter counts them.
type Point struct {
	Row, Column uint32
}

// Edit describes one replacement of the text, in bytes and points of the old and new text.
type Edit struct {
	StartByte, OldEndByte, NewEndByte    uint32
	StartPoint, OldEndPoint, NewEndPoint Point
}

// parseTimeout bounds one parse so that hostile input cannot hang a document: five
// seconds, plus two microseconds a byte, as tree-sitter is linear on ordinary code
// (a 10 MB file parses in about 2 s on one loaded core).
var parseTimeout = func(size int) uint64 { return 5_000_000 + 2*uint64(size) }

// ErrGaveUp is returned when a parse did not finish in time. The document stays usable:
// its tree is an empty module over the text, and later edits of a text about as large
// are not parsed again (each attempt would block its caller for the whole timeout).
var ErrGaveUp = errors.New("syntax: parsing took too long; the text is not analysed")

// maxSourceSize is the largest text the parser accepts (tree-sitter uses 32-bit offsets).
const maxSourceSize = 1 << 30

// ErrTooLarge is returned for texts beyond what tree-sitter can address.
var ErrTooLarge = errors.New("syntax: source too large to parse")

// Document is the parse state of one evolving text: the text, the C tree for the
// next incremental reparse, and the latest flat Tree. It is not safe for concurrent
// use; the Trees it returns are.
type Document struct {
	parser *cParser
	ctree  *C.TSTree
	src    []byte
	tree   *Tree
	ids    []uintptr // subtree ids of tree's nodes, for reuse by the next incremental flatten
	// Reused counts the nodes the last flatten copied from the previous version.
	Reused int
	// gaveUpAt is the size of the last text whose parse timed out (0: none).
	gaveUpAt int
	// largeAt is the size from which texts are parsed in pieces (0: never).
	largeAt int
}

// Options configure a Document.
type Options struct {
	// LargeSize is the size from which a text is parsed in pieces, in parallel, and keeps
	// no tree-sitter tree for incremental reparsing (each edit parses the text again, in
	// pieces); 0 means never. Memory then stays proportional to the flat tree.
	LargeSize int
}

// NewDocument parses src. When the parse gives up (ErrGaveUp), the document is
// returned with the error and stays usable; any other error returns no document.
func NewDocument(src []byte) (*Document, error) {
	return NewDocumentWith(src, Options{})
}

// NewDocumentWith is NewDocument with options.
func NewDocumentWith(src []byte, o Options) (*Document, error) {
	d := &Document{parser: newCParser(), largeAt: o.LargeSize}
	if err := d.reparse(src, false); err != nil {
		if errors.Is(err, ErrGaveUp) {
			return d, err
		}
		d.Close()
		return nil, err
	}
	return d, nil
}

// NewDocumentFromTree returns a document whose first tree is tree, the flat tree of
// src made before (read from a cache). It holds no tree-sitter tree yet: the first edit
// parses the text from scratch, unless PrepareIncremental ran before it.
func NewDocumentFromTree(src []byte, tree *Tree, o Options) *Document {
	return &Document{parser: newCParser(), largeAt: o.LargeSize, src: src, tree: tree}
}

// PrepareIncremental parses the text into the tree-sitter tree the next edit's
// incremental reparse starts from, when the document has none (NewDocumentFromTree,
// ReleaseIncremental) and its size allows one. The flat tree is replaced by the same
// tree, flattened from it. Servers call it off the path of the first diagnostics.
func (d *Document) PrepareIncremental() error {
	if d.parser == nil || d.ctree != nil || d.GaveUp() || d.largeAt > 0 && len(d.src) >= d.largeAt {
		return nil
	}
	return d.reparse(d.src, false)
}

// GaveUp reports whether the current tree is a placeholder because parsing timed out.
func (d *Document) GaveUp() bool { return d.gaveUpAt > 0 && d.tree != nil && d.tree.Placeholder }

// Parse parses src once and returns its tree. Texts over a megabyte are parsed in
// pieces, in parallel.
func Parse(src []byte) (*Tree, error) {
	d, err := NewDocumentWith(src, Options{LargeSize: chunkAbove})
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.Tree(), nil
}

// Tree returns the latest tree.
func (d *Document) Tree() *Tree { return d.tree }

// Source returns the latest text. Callers must not modify it.
func (d *Document) Source() []byte { return d.src }

// Close releases the C parser and tree.
func (d *Document) Close() {
	deleteTree(d.ctree)
	d.ctree = nil
	if d.parser != nil {
		d.parser.close()
		d.parser = nil
	}
}

// Update replaces the text with src after the given edits, which must describe
// exactly how the old text became src (in order). The old tree is edited and reused.
func (d *Document) Update(src []byte, edits []Edit) error {
	if d.parser == nil {
		return errors.New("syntax: document is closed")
	}
	for _, e := range edits {
		if e.StartByte > e.OldEndByte || e.StartByte > e.NewEndByte {
			return fmt.Errorf("syntax: invalid edit %+v", e)
		}
		if d.ctree != nil {
			editTree(d.ctree, e)
		}
	}
	return d.reparse(src, true)
}

// ReleaseIncremental frees the C tree kept for the next incremental reparse (tree-sitter
// trees cost about 130 bytes a node, several times the flat tree). The document stays
// usable: its next edit is parsed from scratch. Servers call it for documents that are
// open but not being edited.
func (d *Document) ReleaseIncremental() {
	deleteTree(d.ctree)
	d.ctree = nil
	d.ids = nil
}

// Replace reparses src from scratch.
func (d *Document) Replace(src []byte) error {
	if d.parser == nil {
		return errors.New("syntax: document is closed")
	}
	return d.reparse(src, false)
}

func (d *Document) reparse(src []byte, incremental bool) error {
	if len(src) >= maxSourceSize {
		return ErrTooLarge
	}
	if d.gaveUpAt > 0 && len(src) >= d.gaveUpAt*9/10 {
		d.placeholder(src)
		return ErrGaveUp
	}
	if d.largeAt > 0 && len(src) >= d.largeAt {
		return d.parseLarge(src)
	}
	var old *C.TSTree
	if incremental {
		old = d.ctree
	}
	t := d.parser.parse(old, src, parseTimeout(len(src)))
	if t == nil && old != nil {
		// An incremental parse that times out is retried once from scratch.
		t = d.parser.parse(nil, src, parseTimeout(len(src)))
	}
	if t != nil && old != nil && hasError(t) {
		// Where the text does not parse, tree-sitter's error recovery after an
		// incremental reparse can differ from a fresh parse (and even report an error
		// that a fresh parse does not). Diagnostics must not depend on the edit history,
		// so a tree with errors is parsed again from scratch: a full parse per keystroke,
		// only while the buffer is broken.
		if fresh := d.parser.parse(nil, src, parseTimeout(len(src))); fresh != nil {
			deleteTree(t)
			t = fresh
			old = nil
		}
	}
	if t == nil {
		d.gaveUpAt = len(src)
		d.placeholder(src)
		return ErrGaveUp
	}
	d.gaveUpAt = 0
	hint := len(src) / 6
	var oldNodes []Node
	var oldIDs []uintptr
	if d.tree != nil && incremental && old != nil && !noReuse {
		hint = len(d.tree.Nodes)
		oldNodes, oldIDs = d.tree.Nodes, d.ids
	}
	// The old C tree must stay alive while the new one is flattened: reuse is decided by
	// subtree identity, which only holds while both trees own their subtrees.
	nodes, ids, reused := flatten(t, hint, oldNodes, oldIDs)
	deleteTree(d.ctree)
	d.ctree = t
	d.src = src
	d.tree = &Tree{Src: src, Nodes: nodes}
	d.ids = ids
	d.Reused = reused
	return nil
}

// parseLarge parses src in pieces and keeps no C tree.
func (d *Document) parseLarge(src []byte) error {
	deleteTree(d.ctree)
	d.ctree, d.ids, d.Reused = nil, nil, 0
	t := parseChunked(src, chunkSize, parseWorkers())
	if t == nil {
		d.gaveUpAt = len(src)
		d.placeholder(src)
		return ErrGaveUp
	}
	d.gaveUpAt = 0
	d.src, d.tree = src, t
	return nil
}

// placeholder makes the tree an empty module spanning src, with no C tree behind it.
func (d *Document) placeholder(src []byte) {
	deleteTree(d.ctree)
	d.ctree = nil
	d.src = src
	d.ids = nil
	d.tree = &Tree{Src: src, Placeholder: true, Nodes: []Node{{
		Start: 0, End: uint32(len(src)), Parent: NoNode, NextSibling: NoNode,
		Symbol: moduleSymbol(), Flags: FlagNamed,
	}}}
}

// noReuse disables copying reused subtrees (tests compare both ways).
var noReuse = false
