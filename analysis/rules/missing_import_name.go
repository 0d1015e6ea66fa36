package rules

import (
	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:    "missing-import-name",
		Default: analysis.SeverityError,
		RunTime: true,
		Summary: "`from m import x` where m surely has no x (no binding, no submodule, no __getattr__, no hidden star import, no globals() writes): CPython raises ImportError.",
		Check:   func(c *analysis.Context) { reportImportProblems(c, imports.ProblemMissingName) },
	})
}
