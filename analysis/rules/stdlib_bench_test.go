package rules

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
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

// benchFile parses and builds the standard-library file rel (a slash path under the
// stdlib of python3 on PATH), returning the stdlib folder and the file.
func benchFile(b *testing.B, rel string) (string, *analysis.File) {
	b.Helper()
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		b.Fatalf("python3: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	p := filepath.Join(dir, filepath.FromSlash(rel))
	src, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	tree, err := syntax.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	return dir, &analysis.File{Path: p, Module: analysis.Build(tree)}
}

// BenchmarkAsyncioRules measures the five asyncio rules on asyncio/base_events.py (about
// 2000 lines, many coroutine calls and cross-module imports), with an Index over the
// standard library whose modules are parsed on the first iteration and cached after.
func BenchmarkAsyncioRules(b *testing.B) {
	dir, f := benchFile(b, "asyncio/base_events.py")
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{dir})
	cfg := analysis.DefaultConfig().Only(asyncioRules...)
	analysis.Check(context.Background(), f, ix, cfg) // warm the Index
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		analysis.Check(context.Background(), f, ix, cfg)
	}
}

// BenchmarkUnderscoreRules runs the six underscore rules (no index) over the standard
// library's _pydecimal.py (about 6,400 lines).
func BenchmarkUnderscoreRules(b *testing.B) {
	_, f := benchFile(b, "_pydecimal.py")
	cfg := analysis.DefaultConfig().Only(underscoreRules...)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		analysis.Check(context.Background(), f, nil, cfg)
	}
}

// BenchmarkEachRuleOnPydecimal runs each rule alone over _pydecimal.py (the file of the
// keystroke benchmark) with an Index over the standard library: what each costs a
// keystroke there, one rule at a time.
//
//	go test ./analysis/rules -run '^$' -bench EachRuleOnPydecimal
func BenchmarkEachRuleOnPydecimal(b *testing.B) {
	dir, f := benchFile(b, "_pydecimal.py")
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{dir})
	analysis.Check(context.Background(), f, ix, analysis.DefaultConfig()) // warm the Index
	for _, r := range analysis.Rules() {
		cfg := analysis.DefaultConfig().Only(r.Name)
		b.Run(r.Name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				analysis.Check(context.Background(), f, ix, cfg)
			}
		})
	}
}
