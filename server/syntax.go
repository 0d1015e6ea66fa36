package server

import (
	"context"
	"sync"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/interpreter"
)

// syntaxOracle confirms tree-sitter's syntax errors with the session's interpreter:
// a long-lived CPython process runs compile() (no code) on the text, and remembers
// verdicts by content hash. Checks run in their own goroutines, after the edit has
// been applied, so the keystroke never waits for it; and it is asked only when
// tree-sitter finds an error. Until the interpreter has answered (or without one),
// tree-sitter's verdict stands.
type syntaxOracle struct {
	mu       sync.Mutex
	python   string
	compiler *interpreter.Compiler
}

// use makes python's compiler the judge ("" for none), ending the previous one.
func (o *syntaxOracle) use(python string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if python == o.python {
		return
	}
	if o.compiler != nil {
		o.compiler.Close()
		o.compiler = nil
	}
	o.python = python
	if python != "" {
		o.compiler = interpreter.NewCompiler(python)
	}
}

func (o *syntaxOracle) close() { o.use("") }

// CompileVerdict implements analysis.SyntaxOracle.
func (o *syntaxOracle) CompileVerdict(src []byte) (interpreter.CompileResult, analysis.CompileState) {
	o.mu.Lock()
	c := o.compiler
	o.mu.Unlock()
	if c == nil {
		return interpreter.CompileResult{}, analysis.CompileUnavailable
	}
	r, err := c.Compile(context.Background(), src)
	if err != nil {
		return interpreter.CompileResult{}, analysis.CompileUnavailable
	}
	return r, analysis.CompileKnown
}
