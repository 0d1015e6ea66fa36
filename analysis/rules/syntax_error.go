package rules

import (
	"fmt"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:    "syntax-error",
		Default: analysis.SeverityError,
		Summary: "Code that Python cannot parse, including Python 2 print and exec statements.",
		Check:   checkSyntax,
	})
}

// maxSyntaxErrors caps the findings in one file: after that many, more add nothing.
const maxSyntaxErrors = 50

func checkSyntax(c *analysis.Context) {
	t := c.Module.Tree
	if len(t.Nodes) == 0 {
		return
	}
	count := 0
	report := func(span analysis.Span, msg string) {
		if count < maxSyntaxErrors {
			c.Report(span, msg)
		}
		count++
	}
	if t.Nodes[0].Flags == 0 && !t.IsNamed(0) {
		return
	}
	t.Walk(0, func(n syntax.NodeID) bool {
		switch {
		case t.IsMissing(n):
			report(missingSpan(c.Module, n), fmt.Sprintf("invalid syntax: expected %s", describeMissing(t, n)))
			return false
		case t.IsError(n):
			report(errorSpan(c.Module, n), errorMessage(t, n))
			return false
		}
		switch t.Type(n) {
		case "print_statement", "exec_statement":
			kw := strings.TrimSuffix(t.Type(n), "_statement")
			first := t.FirstChild(n)
			report(c.Module.Span(first), fmt.Sprintf("Missing parentheses in call to '%s'. Did you mean %s(...)? (Python 2 syntax)", kw, kw))
		}
		return true
	})
}

func describeMissing(t *syntax.Tree, n syntax.NodeID) string {
	typ := t.Type(n)
	if t.IsNamed(n) {
		return strings.ReplaceAll(typ, "_", " ")
	}
	return "'" + typ + "'"
}

// missingSpan is an empty span where the missing token belongs; editors show a
// one-character squiggle there, so widen it to the preceding character when it is empty.
func missingSpan(m *analysis.Module, n syntax.NodeID) analysis.Span {
	s := m.Span(n)
	if s.Start == s.End && s.Start > 0 {
		s.Start--
	}
	return s
}

// errorSpan trims an ERROR node's span to its first line, so a squiggle does not cover
// half the file when recovery swallowed a block.
func errorSpan(m *analysis.Module, n syntax.NodeID) analysis.Span {
	s := m.Span(n)
	src := m.Tree.Src
	for i := s.Start; i < s.End; i++ {
		if src[i] == '\n' || src[i] == '\r' {
			if i > s.Start {
				s.End = i
			}
			break
		}
	}
	if s.Start == s.End && s.End < uint32(len(src)) {
		s.End++
	}
	return s
}

func errorMessage(t *syntax.Tree, n syntax.NodeID) string {
	// Name the first token that could not be placed.
	tok := syntax.NoNode
	t.Walk(n, func(c syntax.NodeID) bool {
		if tok != syntax.NoNode {
			return false
		}
		if c != n && t.FirstChild(c) == syntax.NoNode && t.Nodes[c].End > t.Nodes[c].Start {
			tok = c
			return false
		}
		return true
	})
	if tok == syntax.NoNode {
		return "invalid syntax"
	}
	text := t.Text(tok)
	if len(text) > 30 {
		text = text[:30] + "…"
	}
	return fmt.Sprintf("invalid syntax: unexpected %q", text)
}
