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
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// TestUnderscoreRulesOnStdlib runs the six underscore rules over every module of the
// Python standard library (python3's sysconfig stdlib path), with an index rooted
// there, and prints the count per rule. Every error finding is written to
// $PYWARD_STDLIB_OUT (default: the test log) for examination: the standard library
// is correct code, so an error there is a real bug or a false positive. It runs only
// with PYWARD_STDLIB=1 (it takes a while). PYWARD_STDLIB_DIR walks another tree
// instead (site-packages, say), with the standard library as a further import root;
// PYWARD_STDLIB_ALL=1 lists the warnings too.
func TestUnderscoreRulesOnStdlib(t *testing.T) {
	if os.Getenv("PYWARD_STDLIB") == "" {
		t.Skip("set PYWARD_STDLIB=1 to run the underscore rules over the standard library")
	}
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		t.Skipf("python3: %v", err)
	}
	stdlib := strings.TrimSpace(string(out))
	roots := []string{stdlib, filepath.Join(stdlib, "lib-dynload")}
	walk := stdlib
	if dir := os.Getenv("PYWARD_STDLIB_DIR"); dir != "" {
		// another tree of correct code, such as site-packages, checked the same way
		walk = dir
		roots = append([]string{dir}, roots...)
	}
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots(roots)
	cfg := analysis.DefaultConfig().Only(underscoreRules...)
	counts := map[string]int{}
	var panics []string
	checker := analysis.Checker{OnPanic: func(rule string, p any) {
		if cfg.SeverityOf(mustRule(t, rule)) != analysis.SeverityOff {
			panics = append(panics, fmt.Sprintf("%s: %v", rule, p))
		}
	}}
	var errs []string
	files := walkPython(t, walk, []string{"site-packages", "dist-packages"}, func(p string, tree *syntax.Tree, f *analysis.File) {
		before := len(panics)
		diags := checker.Check(context.Background(), f, ix, cfg)
		for i := before; i < len(panics); i++ {
			t.Errorf("%s: rule panicked: %s", p, panics[i])
		}
		for _, d := range diags {
			counts[d.Rule]++
			if d.Severity == analysis.SeverityError || os.Getenv("PYWARD_STDLIB_ALL") != "" {
				pos := f.Module.Lines.Position(d.Span.Start, analysis.UTF8)
				rel, _ := filepath.Rel(walk, p)
				errs = append(errs, fmt.Sprintf("%s:%d:%d: %s [%s] %s", rel, pos.Line+1, pos.Character+1, d.Severity, d.Rule, d.Message))
			}
		}
	})
	sort.Strings(errs)
	t.Logf("%d files of %s", files, walk)
	for _, r := range underscoreRules {
		t.Logf("%-26s %d", r, counts[r])
	}
	report := strings.Join(errs, "\n")
	if dst := os.Getenv("PYWARD_STDLIB_OUT"); dst != "" {
		if err := os.WriteFile(dst, []byte(report+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if report != "" {
		t.Log("errors:\n" + report)
	}
}

// BenchmarkUnderscoreRules runs the six underscore rules (no index) over the standard
// library's _pydecimal.py (about 6,400 lines), skipping when python3 is missing.
func BenchmarkUnderscoreRules(b *testing.B) {
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		b.Skipf("python3: %v", err)
	}
	p := filepath.Join(strings.TrimSpace(string(out)), "_pydecimal.py")
	src, err := os.ReadFile(p)
	if err != nil {
		b.Skip(err)
	}
	tree, err := syntax.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	f := &analysis.File{Path: p, Module: analysis.Build(tree)}
	cfg := analysis.DefaultConfig().Only(underscoreRules...)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		analysis.Check(context.Background(), f, nil, cfg)
	}
}
