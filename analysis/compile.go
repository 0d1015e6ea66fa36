package analysis

import (
	"context"

	"github.com/pyward/pyward/analysis/interpreter"
)

// CompileState says how much a SyntaxOracle knows about a source.
type CompileState int

const (
	// CompileUnavailable: no interpreter can judge (none configured, or its helper
	// failed). The syntax-error rule keeps tree-sitter's verdict.
	CompileUnavailable CompileState = iota
	// CompilePending: the interpreter is judging, off the keystroke path; the check
	// runs again when it has answered. Nothing is reported as a syntax error meanwhile.
	CompilePending
	// CompileKnown: the verdict is CPython's.
	CompileKnown
)

// SyntaxOracle confirms the syntax errors tree-sitter finds with CPython's own
// compile(), which runs no code (see interpreter.Compiler). tree-sitter's grammar is not
// CPython's: `print >> sys.stderr, "x"` is valid Python 3, and a continuation line it
// misreads can move an error to the wrong line.
type SyntaxOracle interface {
	CompileVerdict(src []byte) (interpreter.CompileResult, CompileState)
}

// BlockingOracle asks its Compiler and waits for the answer: for `pyward check`.
type BlockingOracle struct{ Compiler *interpreter.Compiler }

// CompileVerdict implements SyntaxOracle.
func (o BlockingOracle) CompileVerdict(src []byte) (interpreter.CompileResult, CompileState) {
	if o.Compiler == nil {
		return interpreter.CompileResult{}, CompileUnavailable
	}
	r, err := o.Compiler.Compile(context.Background(), src)
	if err != nil {
		return interpreter.CompileResult{}, CompileUnavailable
	}
	return r, CompileKnown
}
