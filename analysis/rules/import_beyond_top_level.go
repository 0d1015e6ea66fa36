package rules

import (
	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:    "import-beyond-top-level",
		Default: analysis.SeverityError,
		RunTime: true,
		Summary: "A relative import that climbs above its top-level package (or is made outside any package): CPython raises ImportError.",
		Check:   func(c *analysis.Context) { reportImportProblems(c, imports.ProblemBeyondTopLevel) },
	})
}
