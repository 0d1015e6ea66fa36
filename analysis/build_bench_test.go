package analysis

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/internal/pygen"
)

// liveBytes returns the heap bytes in use after a full collection.
func liveBytes() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// benchmarkBuild builds the models of trees b.N times and reports the live heap that one
// set of models holds after Build (the trees themselves excluded), per byte of source
// and in all; go test -memprofile of it shows where Build allocates.
func benchmarkBuild(b *testing.B, trees []*syntax.Tree) {
	size := 0
	for _, t := range trees {
		size += len(t.Src)
	}
	mods := make([]*Module, len(trees))
	var live uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clear(mods)
		b.StopTimer()
		before := liveBytes()
		b.StartTimer()
		for j, t := range trees {
			mods[j] = Build(t)
		}
		b.StopTimer()
		live = liveBytes() - before
		b.StartTimer()
	}
	runtime.KeepAlive(mods)
	b.ReportMetric(float64(live)/float64(size), "live-B/src-B")
	b.ReportMetric(float64(live)/(1<<20), "live-MB")
	b.ReportMetric(float64(size)/(1<<20), "src-MB")
}

// BenchmarkBuildHuge builds the model of a 10 MB generated module (issue 14's huge file):
// go test ./analysis -run '^$' -bench BuildHuge -benchtime 3x -memprofile mem.out
func BenchmarkBuildHuge(b *testing.B) {
	src, _, _ := pygen.Huge(10 << 20)
	tree, err := syntax.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	benchmarkBuild(b, []*syntax.Tree{tree})
}

// BenchmarkBuildStdlib50 builds the models of 50 standard-library modules spread over
// the library (tests left out), like the 50 documents of pyward-bench's memory row.
func BenchmarkBuildStdlib50(b *testing.B) {
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		b.Skipf("python3's standard library is needed: %v", err)
	}
	root := strings.TrimSpace(string(out))
	var files []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "test" || d.Name() == "tests" || d.Name() == "site-packages" || d.Name() == "idle_test") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(p, ".py") {
			files = append(files, p)
		}
		return nil
	})
	var trees []*syntax.Tree
	step := max(len(files)/50, 1)
	for i := 0; i < len(files) && len(trees) < 50; i += step {
		src, err := os.ReadFile(files[i])
		if err != nil {
			b.Fatal(err)
		}
		t, err := syntax.Parse(src)
		if err != nil {
			b.Fatal(err)
		}
		trees = append(trees, t)
	}
	if len(trees) < 50 {
		b.Skipf("only %d modules in %s", len(trees), root)
	}
	benchmarkBuild(b, trees)
}

// BenchmarkBuildPydecimal builds the model of _pydecimal.py, the keystroke row's module,
// as the server does after every edit: go test ./analysis -run '^$' -bench BuildPydecimal
// -cpuprofile cpu.out shows where a keystroke's Build goes.
func BenchmarkBuildPydecimal(b *testing.B) {
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		b.Fatalf("python3's standard library is needed: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_pydecimal.py"))
	if err != nil {
		b.Fatal(err)
	}
	tree, err := syntax.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Build(tree)
	}
}
