// Package syntax parses Python with tree-sitter and exposes the result as an
// immutable, flat tree of nodes that any goroutine may read.
//
// A Document keeps the C tree for incremental reparsing; every Tree it hands out
// is plain Go data (a pre-order slice of nodes with parent, child and sibling links),
// so analysis never calls into C and never shares a tree-sitter object.
package syntax

// NodeID indexes Tree.Nodes. NoNode marks an absent link.
type NodeID = int32

// NoNode is the NodeID of "no such node".
const NoNode NodeID = -1

// Node flags.
const (
	FlagNamed   = 1
	FlagMissing = 2
	FlagExtra   = 4
)

// errorSymbol is tree-sitter's builtin ERROR symbol.
const errorSymbol = 65535

// Node is one syntax node. Its layout matches the C struct that fills it. Nodes are in
// pre-order, so a node's first child, when it has one, is the next node (FirstChild).
type Node struct {
	Start, End  uint32 // byte offsets into Tree.Src
	Parent      NodeID
	NextSibling NodeID
	Symbol      uint16
	FieldID     uint8 // the field under which the parent holds this node; 0 for none
	Flags       uint8
}

// Tree is an immutable parse tree of one version of a source text.
type Tree struct {
	Src   []byte
	Nodes []Node // pre-order; Nodes[0] is the module
	// Placeholder is true when parsing gave up: the tree is an empty module.
	Placeholder bool
}

// Root is the module node.
func (t *Tree) Root() NodeID { return 0 }

// Type returns the grammar's name for the node ("identifier", "call", "ERROR", "if", ...).
func (t *Tree) Type(n NodeID) string {
	s := t.Nodes[n].Symbol
	if s == errorSymbol {
		return "ERROR"
	}
	if int(s) < len(symbolName) {
		return symbolName[s]
	}
	return ""
}

// Field returns the field name under which n's parent holds it ("" for none).
func (t *Tree) Field(n NodeID) string {
	f := t.Nodes[n].FieldID
	if int(f) < len(fieldName) {
		return fieldName[f]
	}
	return ""
}

// Text returns the source text of n.
func (t *Tree) Text(n NodeID) string {
	nd := &t.Nodes[n]
	return string(t.Src[nd.Start:nd.End])
}

// IsNamed reports whether n is a named node (not an anonymous token like "(").
func (t *Tree) IsNamed(n NodeID) bool { return t.Nodes[n].Flags&FlagNamed != 0 }

// IsMissing reports whether n was inserted by error recovery.
func (t *Tree) IsMissing(n NodeID) bool { return t.Nodes[n].Flags&FlagMissing != 0 }

// HasErrorOr reports whether the tree has an ERROR node, a MISSING node, or a node of
// one of types: one pass over the node slice, for rules that have nothing to do in
// a tree without them (a Walk with type names costs several times as much).
func (t *Tree) HasErrorOr(types ...string) bool {
	names := SymbolNames()
	var wanted [4]uint16
	n := 0
	for sym, name := range names {
		for _, ty := range types {
			if name == ty && n < len(wanted) {
				wanted[n] = uint16(sym)
				n++
			}
		}
	}
	if n == len(wanted) {
		return true // more symbols than this scan tracks: say yes, the caller walks
	}
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		if nd.Flags&FlagMissing != 0 || nd.Symbol == errorSymbol {
			return true
		}
		for _, w := range wanted[:n] {
			if nd.Symbol == w {
				return true
			}
		}
	}
	return false
}

// IsError reports whether n is an ERROR node.
func (t *Tree) IsError(n NodeID) bool { return t.Nodes[n].Symbol == errorSymbol }

// Parent returns n's parent or NoNode.
func (t *Tree) Parent(n NodeID) NodeID { return t.Nodes[n].Parent }

// FirstChild returns n's first child or NoNode: in pre-order, the next node when n is
// its parent.
func (t *Tree) FirstChild(n NodeID) NodeID { return firstChild(t.Nodes, n) }

func firstChild(nodes []Node, n NodeID) NodeID {
	if c := n + 1; int(c) < len(nodes) && nodes[c].Parent == n {
		return c
	}
	return NoNode
}

// NextSibling returns n's next sibling or NoNode.
func (t *Tree) NextSibling(n NodeID) NodeID { return t.Nodes[n].NextSibling }

// Children returns all children of n, named and anonymous.
func (t *Tree) Children(n NodeID) []NodeID {
	var out []NodeID
	for c := firstChild(t.Nodes, n); c != NoNode; c = t.Nodes[c].NextSibling {
		out = append(out, c)
	}
	return out
}

// NamedChildren returns the named children of n, skipping comments.
func (t *Tree) NamedChildren(n NodeID) []NodeID {
	var out []NodeID
	for c := firstChild(t.Nodes, n); c != NoNode; c = t.Nodes[c].NextSibling {
		if t.Nodes[c].Flags&FlagNamed != 0 && t.Type(c) != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// ChildByField returns the first child of n held under field, or NoNode.
func (t *Tree) ChildByField(n NodeID, field string) NodeID {
	for c := firstChild(t.Nodes, n); c != NoNode; c = t.Nodes[c].NextSibling {
		if t.Field(c) == field {
			return c
		}
	}
	return NoNode
}

// ChildrenByField returns every child of n held under field.
func (t *Tree) ChildrenByField(n NodeID, field string) []NodeID {
	var out []NodeID
	for c := firstChild(t.Nodes, n); c != NoNode; c = t.Nodes[c].NextSibling {
		if t.Field(c) == field {
			out = append(out, c)
		}
	}
	return out
}

// HasChildOfType reports whether n has a direct child (usually a keyword token) of type typ.
func (t *Tree) HasChildOfType(n NodeID, typ string) bool {
	for c := firstChild(t.Nodes, n); c != NoNode; c = t.Nodes[c].NextSibling {
		if t.Type(c) == typ {
			return true
		}
	}
	return false
}

// Ancestor returns the nearest proper ancestor of n whose type is one of types, or NoNode.
func (t *Tree) Ancestor(n NodeID, types ...string) NodeID {
	for p := t.Nodes[n].Parent; p != NoNode; p = t.Nodes[p].Parent {
		typ := t.Type(p)
		for _, want := range types {
			if typ == want {
				return p
			}
		}
	}
	return NoNode
}

// SubtreeEnd returns the first NodeID after n's subtree in pre-order, so that
// the IDs n..SubtreeEnd(n)-1 are n and all its descendants.
func (t *Tree) SubtreeEnd(n NodeID) NodeID {
	for m := n; m != NoNode; m = t.Nodes[m].Parent {
		if s := t.Nodes[m].NextSibling; s != NoNode {
			return s
		}
	}
	return NodeID(len(t.Nodes))
}

// NodeAt returns the deepest named node whose range contains offset (start <= offset < end,
// or offset == end for the node ending there when nothing else matches), or NoNode.
func (t *Tree) NodeAt(offset uint32) NodeID {
	best := NoNode
	n := NodeID(0)
	if len(t.Nodes) == 0 {
		return NoNode
	}
	for n != NoNode {
		nd := &t.Nodes[n]
		if nd.Start <= offset && (offset < nd.End || (offset == nd.End && nd.Start == nd.End)) {
			if nd.Flags&FlagNamed != 0 {
				best = n
			}
			n = firstChild(t.Nodes, n)
			continue
		}
		n = nd.NextSibling
	}
	if best == NoNode || best == 0 {
		// An offset just past the last character of an identifier (cursor after a word)
		// still names that identifier.
		if offset > 0 {
			if prev := t.namedEndingAt(offset); prev != NoNode {
				return prev
			}
		}
	}
	return best
}

func (t *Tree) namedEndingAt(offset uint32) NodeID {
	found := NoNode
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		if nd.End == offset && nd.Start < offset && nd.Flags&FlagNamed != 0 {
			found = NodeID(i)
		}
	}
	return found
}

// Walk calls fn for n and its descendants in pre-order. When fn returns false the
// node's children are skipped.
func (t *Tree) Walk(n NodeID, fn func(NodeID) bool) {
	end := t.SubtreeEnd(n)
	for i := n; i < end; {
		if fn(i) {
			i++
		} else {
			i = t.SubtreeEnd(i)
		}
	}
}

// HasError reports whether the tree has an ERROR or MISSING node.
func (t *Tree) HasError() bool {
	for i := range t.Nodes {
		if t.Nodes[i].Symbol == errorSymbol || t.Nodes[i].Flags&FlagMissing != 0 {
			return true
		}
	}
	return false
}

// SymbolNames returns the grammar's node type name of every symbol id (the index); the
// ERROR symbol is not in it (see IsError).
func SymbolNames() []string {
	namesOnce.Do(loadNames)
	return symbolName
}

// moduleSymbol is the grammar's symbol for "module".
func moduleSymbol() uint16 {
	for i, n := range SymbolNames() {
		if n == "module" {
			return uint16(i)
		}
	}
	return 0
}
