package rules

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// asyncioRules are the rules of issue 6.
var asyncioRules = []string{
	"await-outside-async",
	"coroutine-function-not-called",
	"coroutine-in-condition",
	"dangling-task",
	"missing-await",
}

// TestAsyncioRulesOnStdlib runs the asyncio rules over every module of the Python
// standard library (correct code: a finding is a bug there or a false positive here) and
// prints every finding and the counts per rule. It runs only with PYWARD_STDLIB=1;
// PYWARD_STDLIB_DIR overrides the folder (default: python3's sysconfig stdlib path).
func TestAsyncioRulesOnStdlib(t *testing.T) {
	if os.Getenv("PYWARD_STDLIB") != "1" {
		t.Skip("set PYWARD_STDLIB=1 to run the asyncio rules over the standard library")
	}
	dir := os.Getenv("PYWARD_STDLIB_DIR")
	if dir == "" {
		out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
		if err != nil {
			t.Fatalf("python3: %v", err)
		}
		dir = strings.TrimSpace(string(out))
	}
	cfg := analysis.DefaultConfig().Only(asyncioRules...)
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{dir})
	counts := map[string]int{}
	files, calls, coroCalls, awaitedCoroCalls := 0, 0, 0, 0
	var lines []string
	files = walkPython(t, dir, []string{"site-packages", "__pycache__"}, func(p string, tree *syntax.Tree, f *analysis.File) {
		// how much the coroutine knowledge recognises (awaited or not)
		co := semantic.NewCoroutines(f.Module, ix, p)
		for i := range tree.Nodes {
			n := syntax.NodeID(i)
			if tree.Type(n) != "call" {
				continue
			}
			calls++
			if _, ok := co.IsCoroutineCall(n); ok {
				coroCalls++
				if par, _ := analysis.ParentSkippingParens(tree, n); par != syntax.NoNode && tree.Type(par) == "await" {
					awaitedCoroCalls++
				}
			}
		}
		for _, d := range analysis.Check(context.Background(), f, ix, cfg) {
			counts[d.Rule]++
			pos := f.Module.Lines.Position(d.Span.Start, analysis.UTF8)
			rel, _ := filepath.Rel(dir, p)
			lines = append(lines, fmt.Sprintf("%s:%d:%d: [%s] %s", rel, pos.Line+1, pos.Character+1, d.Rule, d.Message))
		}
	})
	sort.Strings(lines)
	for _, l := range lines {
		t.Log(l)
	}
	t.Logf("%d files under %s; %d calls, %d recognised as creating a coroutine (%d of them awaited)", files, dir, calls, coroCalls, awaitedCoroCalls)
	for _, r := range asyncioRules {
		t.Logf("%-30s %d", r, counts[r])
	}
}
