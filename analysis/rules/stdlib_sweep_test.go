//go:build !race

// The sweep checks 1,790 files; under the race detector that takes minutes, so it is
// built without it, and .ci/run runs it in a step of its own.

package rules

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// stdlibErrorsFile is the reviewed list of error-severity findings of the asyncio and
// underscore rules on the standard library: one finding a line, a tab, its verdict.
var stdlibErrorsFile = filepath.Join("..", "..", "testdata", "rules", "stdlib", "errors.txt")

// TestRulesOnStdlib runs the asyncio and underscore rules over every module of the
// Python standard library (python3's sysconfig stdlib path, lib-dynload as a further
// import root). The standard library is correct code, so an error there is a bug in
// it or a false positive here: the error-severity findings must be exactly those in
// testdata/rules/stdlib/errors.txt, each reviewed with a verdict. Warnings are counted
// in the log (PYWARD_STDLIB_ALL=1 lists them). No rule may panic. Without python3 the
// test fails under CI=true and is skipped elsewhere.
func TestRulesOnStdlib(t *testing.T) {
	stdlib, version := stdlibDir(t)
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{stdlib, filepath.Join(stdlib, "lib-dynload")})
	rules := append(append([]string{}, asyncioRules...), underscoreRules...)
	cfg := analysis.DefaultConfig().Only(rules...)
	var panics []string
	var panicMu sync.Mutex // rules of different groups run in parallel
	checker := analysis.Checker{OnPanic: func(rule string, p any) {
		panicMu.Lock()
		defer panicMu.Unlock()
		panics = append(panics, fmt.Sprintf("%s: %v", rule, p))
	}}
	counts := map[string]int{}
	var errs, warns []string
	calls, coroCalls, awaited := 0, 0, 0
	files := walkPython(t, stdlib, []string{"site-packages", "dist-packages", "__pycache__"}, func(p string, tree *syntax.Tree, f *analysis.File) {
		// How much the coroutine knowledge recognises, awaited or not.
		co := semantic.NewCoroutines(f.Module, ix, p)
		for _, n := range f.Module.Calls {
			calls++
			if _, ok := co.IsCoroutineCall(n); ok {
				coroCalls++
				if par, _ := analysis.ParentSkippingParens(tree, n); par != syntax.NoNode && tree.Type(par) == "await" {
					awaited++
				}
			}
		}
		before := len(panics)
		diags := checker.Check(context.Background(), f, ix, cfg)
		for i := before; i < len(panics); i++ {
			t.Errorf("%s: rule panicked: %s", p, panics[i])
		}
		for _, d := range diags {
			counts[d.Rule]++
			pos := f.Module.Lines.Position(d.Span.Start, analysis.UTF8)
			rel, _ := filepath.Rel(stdlib, p)
			line := fmt.Sprintf("%s:%d:%d: [%s] %s", filepath.ToSlash(rel), pos.Line+1, pos.Character+1, d.Rule, d.Message)
			if d.Severity == analysis.SeverityError {
				errs = append(errs, line)
			} else {
				warns = append(warns, line)
			}
		}
	})
	t.Logf("%s: %d files of %s; %d calls, %d recognised as creating a coroutine (%d of them awaited)", version, files, stdlib, calls, coroCalls, awaited)
	for _, r := range rules {
		t.Logf("%-30s %d", r, counts[r])
	}
	if os.Getenv("PYWARD_STDLIB_ALL") != "" {
		sort.Strings(warns)
		t.Log("warnings:\n" + strings.Join(warns, "\n"))
	}
	if files < 500 {
		t.Fatalf("only %d Python files under %s: not a standard library", files, stdlib)
	}

	reviewed := readReviewedFindings(t, stdlibErrorsFile)
	found := map[string]bool{}
	var unreviewed []string
	for _, e := range errs {
		found[e] = true
		if _, ok := reviewed[e]; !ok {
			unreviewed = append(unreviewed, e)
		}
	}
	var gone []string
	for e := range reviewed {
		if !found[e] {
			gone = append(gone, e)
		}
	}
	sort.Strings(unreviewed)
	sort.Strings(gone)
	if len(unreviewed) > 0 {
		t.Errorf("%d error findings on the standard library (%s) are not in %s; review each (a false positive is a bug to fix; a real bug gets a line '<finding>\\t<verdict>'):\n%s",
			len(unreviewed), version, stdlibErrorsFile, strings.Join(unreviewed, "\n"))
	}
	if len(gone) > 0 {
		t.Errorf("%d reviewed findings in %s are no longer reported (%s); remove them if that is right:\n%s",
			len(gone), stdlibErrorsFile, version, strings.Join(gone, "\n"))
	}
}

// stdlibDir returns python3's standard library folder and python3's version. Without
// python3 the test fails when CI=true (CI installs it) and is skipped elsewhere.
func stdlibDir(t *testing.T) (string, string) {
	t.Helper()
	out, err := exec.Command("python3", "-c", `import sys, sysconfig; print(sysconfig.get_paths()["stdlib"]); print(sys.version.split()[0])`).Output()
	fields := strings.Fields(string(out))
	if err == nil && len(fields) == 2 {
		if st, serr := os.Stat(fields[0]); serr == nil && st.IsDir() {
			return fields[0], "python3 " + fields[1]
		}
		err = fmt.Errorf("no folder %s", fields[0])
	}
	if err == nil {
		err = fmt.Errorf("unexpected output %q", out)
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("python3's standard library is needed: %v", err)
	}
	t.Skipf("python3's standard library is needed: %v", err)
	return "", ""
}

// readReviewedFindings reads a reviewed list: '#' lines are comments; every other line
// is a finding, a tab, and a one-line verdict (required).
func readReviewedFindings(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		finding, verdict, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(verdict) == "" {
			t.Fatalf("%s:%d: a finding without a verdict (want '<finding>\\t<verdict>'): %q", path, n, line)
		}
		out[finding] = verdict
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestImportsAsyncioIsExact: in every standard-library module that imports nothing
// from asyncio, no call's function has a qualified name in asyncio, so the rules that
// skip Coroutines.QualifiedName there (importsAsyncio) lose nothing.
func TestImportsAsyncioIsExact(t *testing.T) {
	stdlib, _ := stdlibDir(t)
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{stdlib, filepath.Join(stdlib, "lib-dynload")})
	skipped, calls := 0, 0
	walkPython(t, stdlib, []string{"site-packages", "dist-packages", "__pycache__"}, func(p string, tree *syntax.Tree, f *analysis.File) {
		if importsAsyncio(f.Module) {
			return
		}
		skipped++
		co := semantic.NewCoroutines(f.Module, ix, p)
		for _, n := range f.Module.Calls {
			fn := analysis.SkipParens(tree, tree.ChildByField(n, "function"))
			if fn == syntax.NoNode {
				continue
			}
			calls++
			if q := co.QualifiedName(fn); strings.HasPrefix(q, "asyncio.") || q == "asyncio" {
				t.Errorf("%s: %s is %s, yet the module imports nothing from asyncio", p, tree.Text(fn), q)
			}
		}
	})
	if skipped < 500 || calls < 100000 {
		t.Fatalf("only %d modules without asyncio imports, %d calls: the sweep did not run", skipped, calls)
	}
}
