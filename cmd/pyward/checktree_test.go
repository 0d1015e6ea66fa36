package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/pyward/pyward/internal/pygen"
)

// TestCheckTreeStreams checks a generated tree of packages twice: with the module cache
// budget so small that imported modules are dropped and parsed again all the time, and
// without a limit. The output is the same, in the order of the files, and every module's
// one dropped coroutine is found.
func TestCheckTreeStreams(t *testing.T) {
	dir := t.TempDir()
	paths, err := pygen.Tree(dir, 2*511) // two whole packages: every relative import resolves
	if err != nil {
		t.Fatal(err)
	}
	modules := 0
	for _, p := range paths {
		if !strings.HasSuffix(p, "__init__.py") {
			modules++
		}
	}
	outputs := map[int64]string{}
	for _, budget := range []int64{1, 0} {
		old := checkModuleBudget
		checkModuleBudget = budget
		out, errOut, status := runIn(t, dir, "check", "--python", "-", ".")
		checkModuleBudget = old
		if status != 1 {
			t.Fatalf("budget %d: status %d, stderr %s", budget, status, errOut)
		}
		outputs[budget] = out
	}
	if outputs[1] != outputs[0] {
		t.Fatalf("the output depends on the module budget")
	}
	lines := strings.Split(strings.TrimSpace(outputs[0]), "\n")
	if len(lines) != modules {
		t.Errorf("%d findings for %d modules; first: %q", len(lines), modules, lines[:min(3, len(lines))])
	}
	prev := ""
	for _, l := range lines {
		path := l[:strings.Index(l, ":")]
		if path < prev {
			t.Fatalf("output out of order: %s after %s", path, prev)
		}
		prev = path
		if !strings.Contains(l, "[missing-await]") {
			t.Errorf("unexpected finding %q", l)
		}
	}
}

// BenchmarkCheckTree20000 runs `pyward check` in a child process over a generated tree
// of 20,000 files and reports its peak resident memory (the goal: at most
// 300 MB on any tree) and the findings:
//
//	go test ./cmd/pyward -run '^$' -bench CheckTree20000 -benchtime 1x
func BenchmarkCheckTree20000(b *testing.B) {
	dir := b.TempDir()
	if _, err := pygen.Tree(dir, 20000); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCheck$")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PYWARD_HELPER_CHECK=1")
		out, err := cmd.Output()
		if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 0 {
			b.Fatalf("helper: %v\n%s", err, out)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
		var findings int
		fmt.Sscan(strings.TrimSpace(string(out)), &findings)
		b.ReportMetric(float64(findings), "findings")
	}
}

// TestHelperCheck is the child process of BenchmarkCheckTree20000: it checks the
// current folder and prints the number of findings. It does nothing in a normal run.
func TestHelperCheck(t *testing.T) {
	if os.Getenv("PYWARD_HELPER_CHECK") != "1" {
		return
	}
	var out countWriter
	if status := run([]string{"check", "--python", "-", "."}, nil, &out, os.Stderr); status > 1 {
		os.Exit(status)
	}
	fmt.Println(out.lines)
	os.Exit(0)
}
