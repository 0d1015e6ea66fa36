package rules

import (
	"context"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/interpreter"
	"github.com/pyward/pyward/analysis/syntax"
)

type fakeOracle struct {
	r     interpreter.CompileResult
	state analysis.CompileState
}

func (o fakeOracle) CompileVerdict([]byte) (interpreter.CompileResult, analysis.CompileState) {
	return o.r, o.state
}

// syntaxFindings runs syntax-error alone over src with the oracle, as "line:col msg"
// (1-based line, 0-based byte column).
func syntaxFindings(t *testing.T, src string, oracle analysis.SyntaxOracle, notebook bool) []string {
	t.Helper()
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := analysis.Build(tree)
	path := "/w/m.py"
	if notebook {
		path = "/w/cell.ipynb"
	}
	f := &analysis.File{Path: path, Module: m, Notebook: notebook}
	diags := analysis.Checker{Syntax: oracle}.Check(context.Background(), f, nil, analysis.DefaultConfig().Only("syntax-error"))
	var out []string
	for _, d := range diags {
		p := m.Lines.Position(d.Span.Start, analysis.UTF8)
		out = append(out, itoa(int(p.Line)+1)+":"+itoa(int(p.Character))+" "+d.Message)
	}
	return out
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestSyntaxErrorConfirmedByCPython(t *testing.T) {
	compiler := interpreter.NewCompiler("python3")
	defer compiler.Close()
	real := analysis.BlockingOracle{Compiler: compiler}
	tests := []struct {
		name     string
		src      string
		oracle   analysis.SyntaxOracle
		notebook bool
		want     []string
	}{
		// Valid Python 3 that tree-sitter's grammar takes for a Python 2 print statement.
		{"print chevron is valid", "import sys\nprint >> sys.stderr, \"x\"\n", real, false, nil},
		{"python 2 print: CPython's message and place", "x = 1\nprint \"x\"\n", real,
			false, []string{"2:0 Missing parentheses in call to 'print'. Did you mean print(...)?"}},
		{"one error per file, where CPython puts it", "def f(:\n    pass\nx = (\n", real,
			false, []string{"1:6 invalid syntax"}},
		{"an indentation error is named", "x = (\n", fakeOracle{r: interpreter.CompileResult{Type: "IndentationError", Msg: "unexpected indent", Line: 1, Col: 1, EndLine: 1, EndCol: 3}, state: analysis.CompileKnown},
			false, []string{"1:0 IndentationError: unexpected indent"}},
		{"no interpreter: tree-sitter's verdict", "x = 1\nprint \"x\"\n", nil,
			false, []string{"2:0 Missing parentheses in call to 'print'. Did you mean print(...)? (Python 2 syntax)"}},
		{"helper failed: tree-sitter's verdict", "x = (\n", fakeOracle{state: analysis.CompileUnavailable},
			false, []string{"1:0 invalid syntax: unexpected \"x\""}},
		{"pending: nothing yet", "x = (\n", fakeOracle{state: analysis.CompilePending}, false, nil},
		{"await outside async is the other rule's", "await f()\nx = (\n",
			fakeOracle{r: interpreter.CompileResult{Type: "SyntaxError", Msg: "'await' outside function", Line: 1, Col: 1}, state: analysis.CompileKnown}, false, nil},
		{"notebook cells keep tree-sitter's verdict", "x = (\n", fakeOracle{state: analysis.CompileKnown, r: interpreter.CompileResult{OK: true}},
			true, []string{"1:0 invalid syntax: unexpected \"x\""}},
		{"a column past the end of the line is its last character", "s = 'é' +\n", real, false, []string{"1:9 invalid syntax"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := syntaxFindings(t, tt.src, tt.oracle, tt.notebook)
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %q, want %q", got[i], tt.want[i])
				}
			}
		})
	}
}
