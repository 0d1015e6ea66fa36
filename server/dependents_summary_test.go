package server

import (
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// TestSummaryImportsAnyMatchesModel: a module the index holds only as a summary leads
// to the same dependents as its full model would.
func TestSummaryImportsAnyMatchesModel(t *testing.T) {
	srcs := []string{
		"import a.b.c\n",
		"import x as y\n",
		"from p.q import r\n",
		"from . import sib\n",
		"from .. import *\n",
		"from .pkg import thing as other\n",
		"def f():\n    import inner\n",
		"class C:\n    from deep.mod import name\n",
		"from m import *\n",
		"x = 1\n",
	}
	names := []string{"a", "b", "c", "x", "y", "p", "q", "r", "sib", "pkg", "thing", "other", "inner", "deep", "mod", "name", "m", "zzz"}
	for _, src := range srcs {
		tree, err := syntax.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		m := analysis.Build(tree)
		s := analysis.Summarize(m)
		for _, n := range names {
			set := map[string]bool{n: true}
			if got, want := summaryImportsAny(s, set), importsAny(m, set); got != want {
				t.Errorf("%q imports %q: summary %v, model %v", src, n, got, want)
			}
		}
	}
}
