package imports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// stdlibCase is one line of testdata/imports/stdlib_oracle.py's output: where CPython
// resolves one part of one relative import of the standard library.
type stdlibCase struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	What string `json:"what"`
	Path string `json:"path"` // "" for a namespace package: nothing to go to
	To   int    `json:"to"`   // 1-based line; 0 for the file itself
}

type stdlibOracle struct {
	Stdlib string       `json:"stdlib"`
	Roots  []string     `json:"roots"`
	Files  int          `json:"files"`
	Cases  []stdlibCase `json:"-"`
}

// runStdlibOracle runs the oracle with python3 into a temporary folder and reads it,
// skipping the test when python3 is absent.
func runStdlibOracle(tb testing.TB) *stdlibOracle {
	tb.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		tb.Skip("python3 is not on PATH: no standard library to score against")
	}
	out := filepath.Join(tb.TempDir(), "stdlib.jsonl")
	script, _ := filepath.Abs("../../testdata/imports/stdlib_oracle.py")
	cmd := exec.Command("python3", script, out)
	cmd.Dir = tb.TempDir() // keep the repository off sys.path
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("stdlib oracle: %v\n%s", err, msg)
	}
	f, err := os.Open(out)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var o stdlibOracle
	for first := true; sc.Scan(); first = false {
		if first {
			if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		var c stdlibCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			tb.Fatal(err)
		}
		o.Cases = append(o.Cases, c)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(o.Cases) == 0 {
		tb.Fatal("the oracle found no relative imports in the standard library")
	}
	return &o
}

// stdlibIndex is an index over the real filesystem with the oracle's import roots.
func stdlibIndex(o *stdlibOracle) *analysis.Index {
	ix := analysis.NewIndex(pathing.OSFS, pathing.Posix)
	ix.SetRoots(o.Roots)
	return ix
}

// checkStdlibCase runs Definition for c and says what is wrong, or "".
func checkStdlibCase(ix *analysis.Index, files map[string]*analysis.File, tb testing.TB, c stdlibCase) string {
	f := files[c.File]
	if f == nil {
		f = openImportFile(tb, ix, c.File)
		files[c.File] = f
	}
	off := f.Module.Lines.LineStart(c.Line-1) + uint32(c.Col)
	got := Definition(ix, f, off)
	switch {
	case c.Path == "" && len(got) == 0:
		return ""
	case c.Path == "":
		return fmt.Sprintf("got %s:%d, want nothing", got[0].Path, importLocLine(got[0]))
	case len(got) == 0:
		return fmt.Sprintf("got nothing, want %s:%d", c.Path, c.To)
	case got[0].Path != c.Path || importLocLine(got[0]) != c.To:
		return fmt.Sprintf("got %s:%d, want %s:%d", got[0].Path, importLocLine(got[0]), c.Path, c.To)
	}
	return ""
}

// TestStdlibDefinitionScore scores Definition against CPython (importlib + ast) on
// every resolvable relative import of the installed standard library: every segment
// must land in the file CPython imports, every name on its definition line.
func TestStdlibDefinitionScore(t *testing.T) {
	if testing.Short() {
		t.Skip("scores the whole standard library")
	}
	o := runStdlibOracle(t)
	ix := stdlibIndex(o)
	files := map[string]*analysis.File{}
	right := 0
	var wrong []string
	for _, c := range o.Cases {
		if msg := checkStdlibCase(ix, files, t, c); msg != "" {
			rel, _ := filepath.Rel(o.Stdlib, c.File)
			wrong = append(wrong, fmt.Sprintf("%s:%d:%d %s: %s", rel, c.Line, c.Col, c.What, msg))
			continue
		}
		right++
	}
	t.Logf("standard library %s: %d/%d parts of relative imports right (%.2f%%) in %d files",
		o.Stdlib, right, len(o.Cases), 100*float64(right)/float64(len(o.Cases)), len(files))
	for i, w := range wrong {
		if i == 40 {
			t.Errorf("... and %d more", len(wrong)-i)
			break
		}
		t.Error(w)
	}
}

// importPercentile returns the p-th importPercentile (0..100) of ds.
func importPercentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	k := int(float64(len(s)-1) * p / 100)
	return s[k]
}

// BenchmarkDefinitionWarm measures definition requests on every part of every
// relative import of the standard library with every module already read (a warm
// server); it reports the p50 and p99 latency per request.
func BenchmarkDefinitionWarm(b *testing.B) {
	o := runStdlibOracle(b)
	ix := stdlibIndex(o)
	files := map[string]*analysis.File{}
	for _, c := range o.Cases { // warm up: read every module once
		checkStdlibCase(ix, files, b, c)
	}
	var ds []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := o.Cases[i%len(o.Cases)]
		f := files[c.File]
		off := f.Module.Lines.LineStart(c.Line-1) + uint32(c.Col)
		start := time.Now()
		Definition(ix, f, off)
		ds = append(ds, time.Since(start))
	}
	b.ReportMetric(float64(importPercentile(ds, 50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(importPercentile(ds, 99).Microseconds())/1000, "p99-ms")
}

// BenchmarkDefinitionCold measures the first definition request touching modules
// never read: each request gets a fresh index (no parsed module, no directory
// listing cached); the importing file itself is already open, as in an editor.
// It reports the p50 and p99 latency per request.
func BenchmarkDefinitionCold(b *testing.B) {
	o := runStdlibOracle(b)
	files := map[string]*analysis.File{}
	warm := stdlibIndex(o)
	for _, c := range o.Cases {
		if files[c.File] == nil {
			files[c.File] = openImportFile(b, warm, c.File)
		}
	}
	var ds []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := o.Cases[i%len(o.Cases)]
		ix := stdlibIndex(o)
		f := files[c.File]
		off := f.Module.Lines.LineStart(c.Line-1) + uint32(c.Col)
		start := time.Now()
		Definition(ix, f, off)
		ds = append(ds, time.Since(start))
	}
	b.ReportMetric(float64(importPercentile(ds, 50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(importPercentile(ds, 99).Microseconds())/1000, "p99-ms")
}
