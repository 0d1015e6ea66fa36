package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/interpreter"
	"github.com/pyward/pyward/analysis/syntax"
)

// TestSyntaxErrorSpans: without a CPython oracle, each finding as line:col-line:col (1-based, bytes) and message.
func TestSyntaxErrorSpans(t *testing.T) {
	a30 := strings.Repeat("a", 30)
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"valid code", "def f(a):\n    return a\n", nil},
		{"a Python 2 print statement", "print 'x'\n", []string{"1:1-1:6 Missing parentheses in call to 'print'. Did you mean print(...)? (Python 2 syntax)"}},
		{"a Python 2 exec statement", "exec 'x = 1'\n", []string{"1:1-1:5 Missing parentheses in call to 'exec'. Did you mean exec(...)? (Python 2 syntax)"}},
		{"a missing token widens to the character before", "def f(:\n    pass\n", []string{"1:6-1:7 invalid syntax: expected ')'"}},
		{"an error node is cut to its first line", "class (\n    x = 1\n    y = 2\n", []string{`1:1-1:8 invalid syntax: unexpected "class"`}},
		{"a token of 30 bytes is named whole", a30 + " " + a30 + "\n", []string{`1:1-1:31 invalid syntax: unexpected "` + a30 + `"`}},
		{"a longer token is cut", a30 + "b " + a30 + "\n", []string{`1:1-1:32 invalid syntax: unexpected "` + a30 + `…"`}},
		{"a missing named node is described in words", "if :\n    pass\n", []string{"1:2-1:3 invalid syntax: expected identifier"}},
		{"an unclosed parenthesis", "(\n", []string{`1:1-1:2 invalid syntax: unexpected "("`}},
		{"an error node that opens with a missing name names the first real token", ",:\n", []string{`1:1-1:3 invalid syntax: unexpected ","`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := checkSource(t, "syntax-error", "/w/a.py", tc.src, analysis.DefaultConfig(), false)
			lines := analysis.NewLineIndex([]byte(tc.src))
			var got []string
			for _, d := range diags {
				s, e := lines.Position(d.Span.Start, analysis.UTF8), lines.Position(d.Span.End, analysis.UTF8)
				got = append(got, fmt.Sprintf("%d:%d-%d:%d %s", s.Line+1, s.Character+1, e.Line+1, e.Character+1, d.Message))
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("findings:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
}

// TestSyntaxErrorCap: after maxSyntaxErrors findings in a file, more add nothing.
func TestSyntaxErrorCapped(t *testing.T) {
	src := strings.Repeat("print 'x'\n", maxSyntaxErrors+10)
	if got := len(checkSource(t, "syntax-error", "/w/a.py", src, analysis.DefaultConfig(), false)); got != maxSyntaxErrors {
		t.Errorf("%d findings, want %d", got, maxSyntaxErrors)
	}
}

// TestCompileErrorSpan: where CPython's line and 1-based columns land in the text.
func TestCompileErrorSpan(t *testing.T) {
	src := "ab = (1,\nxyz qé\n\n"
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := analysis.Build(tree)
	for _, tc := range []struct {
		name string
		r    interpreter.CompileResult
		want string // the text the span covers
		at   uint32 // its start offset
	}{
		{"a column range on line 2", interpreter.CompileResult{Line: 2, Col: 2, EndLine: 2, EndCol: 4}, "yz", 10},
		{"no end column: one character", interpreter.CompileResult{Line: 2, Col: 5, EndLine: 2, EndCol: 5}, "q", 13},
		{"one character of two bytes", interpreter.CompileResult{Line: 2, Col: 6}, "é", 14},
		{"past the end of the line: its last character", interpreter.CompileResult{Line: 1, Col: 40}, ",", 7},
		{"column 0 counts as 1", interpreter.CompileResult{Line: 2, Col: 0}, "x", 9},
		{"an end on another line: one character", interpreter.CompileResult{Line: 1, Col: 6, EndLine: 2, EndCol: 2}, "(", 5},
		{"an empty line", interpreter.CompileResult{Line: 3, Col: 1}, "", 17},
		{"line 0 is line 1", interpreter.CompileResult{Line: 0, Col: 1}, "a", 0},
	} {
		s := compileErrorSpan(m, tc.r)
		if got := src[s.Start:s.End]; got != tc.want || s.Start != tc.at {
			t.Errorf("%s: span %d-%d %q, want %q at %d", tc.name, s.Start, s.End, got, tc.want, tc.at)
		}
	}
}
