package imports

import (
	"context"
	"slices"
	"testing"

	"github.com/pyward/pyward/analysis/diskcache"
	"github.com/pyward/pyward/pathing"
)

// TestPrefetchReadsSummariesOnly checks that Prefetch leaves the summary of every module
// a file takes names from in the Index and, when the summary cache holds them, builds
// no module's model.
func TestPrefetchReadsSummariesOnly(t *testing.T) {
	env := memImportEnv(t, pathing.Posix, "/home/dev/ws")
	cache, err := diskcache.Open(t.TempDir(), "summaries")
	if err != nil {
		t.Fatal(err)
	}
	env.ix.SetSummaryCache(cache)
	src := "from .core import impl\nfrom .core.util import helper\nimport app.beside.typed\nfrom .nowhere import x\n"
	f := importFileWithSource(t, env.toPath("app/user.py"), src)
	Prefetch(context.Background(), env.ix, f, 2) // parses them: the cache was empty
	env.ix.InvalidateAll()
	Prefetch(context.Background(), env.ix, f, 2)
	var held []string
	for p := range env.ix.HeldSummaries() {
		held = append(held, p)
	}
	for _, want := range []string{"app/core/__init__.py", "app/core/util.py", "app/__init__.py"} {
		if !slices.Contains(held, env.toPath(want)) {
			t.Errorf("no summary of %s after Prefetch; held: %v", want, held)
		}
	}
	if parsed := env.ix.ParsedModules(); len(parsed) != 0 {
		t.Errorf("Prefetch built %d models, want none: %v", len(parsed), parsed)
	}
}
