package analysis

import "github.com/pyward/pyward/analysis/syntax"

// SkipParens returns the expression inside any parentheses around n.
func SkipParens(t *syntax.Tree, n syntax.NodeID) syntax.NodeID {
	for n != syntax.NoNode && t.Type(n) == "parenthesized_expression" {
		kids := t.NamedChildren(n)
		if len(kids) != 1 {
			return n
		}
		n = kids[0]
	}
	return n
}

// ParentSkippingParens returns the nearest ancestor of n that is not a parenthesized
// expression, and the child of it on the way to n.
func ParentSkippingParens(t *syntax.Tree, n syntax.NodeID) (parent, child syntax.NodeID) {
	child = n
	parent = t.Parent(n)
	for parent != syntax.NoNode && t.Type(parent) == "parenthesized_expression" {
		child = parent
		parent = t.Parent(parent)
	}
	return parent, child
}
