package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/interpreter"
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
	if !t.HasErrorOr("print_statement", "exec_statement") {
		return // what the walk below looks for is not in the tree
	}
	type finding struct {
		span analysis.Span
		msg  string
	}
	var found []finding
	report := func(span analysis.Span, msg string) {
		if len(found) < maxSyntaxErrors {
			found = append(found, finding{span, msg})
		}
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
	if len(found) == 0 {
		return
	}
	// tree-sitter found something: CPython's compile() has the last word, when an
	// interpreter can be asked (notebook cells are not modules: top-level await).
	if c.Syntax != nil && !c.File.Notebook {
		r, state := c.Syntax.CompileVerdict(t.Src)
		switch state {
		case analysis.CompilePending:
			return // the check runs again when CPython has answered
		case analysis.CompileKnown:
			if !r.OK && !awaitOutsideAsyncMessage(r.Msg) {
				c.Report(compileErrorSpan(c.Module, r), compileErrorMessage(r))
			}
			return
		}
	}
	for _, f := range found {
		c.Report(f.span, f.msg)
	}
}

// awaitOutsideAsyncMessage reports whether CPython's message is one that the rule
// await-outside-async reports (with its own span and advice).
func awaitOutsideAsyncMessage(msg string) bool {
	for _, m := range []string{"'await' outside", "'async for' outside", "'async with' outside",
		"asynchronous comprehension outside", "'yield from' inside async function"} {
		if strings.HasPrefix(msg, m) {
			return true
		}
	}
	return false
}

// compileErrorMessage is CPython's message, named by its class unless a plain
// SyntaxError.
func compileErrorMessage(r interpreter.CompileResult) string {
	if r.Type != "" && r.Type != "SyntaxError" {
		return r.Type + ": " + r.Msg
	}
	return r.Msg
}

// compileErrorSpan is where CPython points: its 1-based line, and its 1-based byte
// column (clamped to the line), to its end column on the same line, else one character.
func compileErrorSpan(m *analysis.Module, r interpreter.CompileResult) analysis.Span {
	line := r.Line - 1
	if line < 0 {
		line = 0
	}
	start := m.Lines.LineStart(line)
	text := m.Lines.LineText(line)
	end := start + uint32(len(text))
	at := func(col int) uint32 {
		if col < 1 {
			col = 1
		}
		if off := start + uint32(col-1); off < end {
			return off
		}
		return end
	}
	s := analysis.Span{Start: at(r.Col)}
	s.End = s.Start
	if r.EndLine == r.Line && r.EndCol > r.Col {
		s.End = at(r.EndCol)
	}
	if s.End == s.Start {
		if s.End < end {
			_, size := utf8.DecodeRune(m.Tree.Src[s.Start:end])
			s.End += uint32(size)
		} else if s.Start > start {
			_, size := utf8.DecodeLastRune(m.Tree.Src[start:s.Start])
			s.Start -= uint32(size)
		}
	}
	return s
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
