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

// TestDefinitionParsesNoTarget checks that go-to-definition finds an imported name's
// definition from the summaries of the modules on the way and the target's text,
// building no module's model, and lands where the parsed module says.
func TestDefinitionParsesNoTarget(t *testing.T) {
	env := memImportEnv(t, pathing.Posix, "/home/dev/ws")
	cache, err := diskcache.Open(t.TempDir(), "summaries")
	if err != nil {
		t.Fatal(err)
	}
	env.ix.SetSummaryCache(cache)
	src := "from .core import thing\n"
	f := importFileWithSource(t, env.toPath("app/user.py"), src)
	want := Definition(env.ix, f, 20) // fills the summary cache
	if len(want) != 1 || want[0].Path != env.toPath("app/core/impl.py") || importLocLine(want[0]) != 5 {
		t.Fatalf("definition of thing = %v, want app/core/impl.py line 5", want)
	}
	env.ix.InvalidateAll()
	got := Definition(env.ix, f, 20)
	if len(got) != 1 || got[0].Path != want[0].Path || got[0].Span != want[0].Span || importLocLine(got[0]) != 5 {
		t.Errorf("definition from cached summaries = %v, want %v", got, want)
	}
	if parsed := env.ix.ParsedModules(); len(parsed) != 0 {
		t.Errorf("definition built %d models, want none: %v", len(parsed), parsed)
	}
	m, err := env.ix.Module(want[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if b := FirstBinding(m, "thing"); b == nil || b.Span != got[0].Span {
		t.Errorf("the parsed module binds thing at %v, definition says %v", b, got[0].Span)
	}
}
