package syntax

import "strings"

// SExpr renders the named nodes under n as an S-expression with field names, for tests
// and debugging, e.g. (module (expression_statement (call function: (identifier) ...))).
func (t *Tree) SExpr(n NodeID) string {
	var b strings.Builder
	t.sexpr(&b, n)
	return b.String()
}

func (t *Tree) sexpr(b *strings.Builder, n NodeID) {
	if t.IsMissing(n) {
		b.WriteString("(MISSING ")
		b.WriteString(t.Type(n))
		b.WriteString(")")
		return
	}
	b.WriteString("(")
	b.WriteString(t.Type(n))
	for c := t.FirstChild(n); c != NoNode; c = t.NextSibling(c) {
		if !t.IsNamed(c) && !t.IsMissing(c) {
			continue
		}
		b.WriteString(" ")
		if f := t.Field(c); f != "" {
			b.WriteString(f)
			b.WriteString(": ")
		}
		t.sexpr(b, c)
	}
	b.WriteString(")")
}
