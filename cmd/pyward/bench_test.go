package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pyward/pyward/cmd/pyward-bench/lspclient"
	"github.com/pyward/pyward/pathing"
)

// End-to-end benchmarks of the server in this process, over pipes, on the Python
// standard library found through python3 (skipped when there is none):
//
//	go test ./cmd/pyward -run XXX -bench . -benchtime 200x
//
// They report ns/op plus p50/p90/p99 in ms where a latency is measured. The
// side-by-side comparison with other servers is cmd/pyward-bench.

func stdlib(b *testing.B) string {
	b.Helper()
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		b.Skip("no python3 on PATH: no standard library to measure")
	}
	dir := strings.TrimSpace(string(out))
	if _, err := os.Stat(filepath.Join(dir, "_pydecimal.py")); err != nil {
		b.Skipf("no _pydecimal.py in %s", dir)
	}
	return dir
}

// inProcess runs `pyward serve` in this process over pipes and initializes it on root.
func inProcess(b *testing.B, root string) *lspclient.Client {
	b.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"serve", "--log-level", "error"}, inR, outW, io.Discard)
		outW.Close()
	}()
	c := lspclient.New(outR, inW)
	b.Cleanup(func() {
		_, _ = c.Shutdown(10 * time.Second)
		_ = inW.Close()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			b.Error("the server did not stop")
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	uri := pathing.PathToURI(root)
	if err := c.Call(ctx, "initialize", map[string]any{
		"rootUri": uri, "capabilities": map[string]any{"textDocument": map[string]any{"publishDiagnostics": map[string]any{"versionSupport": true}}},
	}, nil); err != nil {
		b.Fatal(err)
	}
	if err := c.Notify("initialized", map[string]any{}); err != nil {
		b.Fatal(err)
	}
	return c
}

func openAndWait(b *testing.B, c *lspclient.Client, path string) string {
	b.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	uri := pathing.PathToURI(path)
	seq := c.Seq()
	if err := c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "python", "version": 1, "text": string(text)}}); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if _, err := c.WaitDiagnostics(ctx, uri, seq, 1); err != nil {
		b.Fatal(err)
	}
	return uri
}

func reportPercentiles(b *testing.B, samples []time.Duration) {
	if len(samples) == 0 {
		return
	}
	sort.Slice(samples, func(i, j int) bool { return samples[i] < samples[j] })
	at := func(p float64) float64 {
		i := int(p/100*float64(len(samples))+0.999999) - 1
		i = max(0, min(i, len(samples)-1))
		return float64(samples[i]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(50), "p50-ms")
	b.ReportMetric(at(90), "p90-ms")
	b.ReportMetric(at(99), "p99-ms")
}

// BenchmarkEditToDiagnostics times a one-character didChange in a comment in the middle
// of _pydecimal.py (6,400 lines) to the publishDiagnostics of its version.
func BenchmarkEditToDiagnostics(b *testing.B) {
	root := stdlib(b)
	c := inProcess(b, root)
	path := filepath.Join(root, "_pydecimal.py")
	uri := openAndWait(b, c, path)
	src, _ := os.ReadFile(path)
	lines := strings.Split(string(src), "\n")
	line, col := -1, 0
	for i := len(lines) / 2; i < len(lines); i++ {
		if t := strings.TrimLeft(lines[i], " "); strings.HasPrefix(t, "# ") {
			line, col = i, len(lines[i])-len(t)+1
			break
		}
	}
	if line < 0 {
		b.Fatal("no comment line in _pydecimal.py")
	}
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		version := i + 2
		change := map[string]any{"range": lspRange(line, col, line, col), "text": "x"}
		if i%2 == 1 {
			change = map[string]any{"range": lspRange(line, col, line, col+1), "text": ""}
		}
		seq := c.Seq()
		start := time.Now()
		if err := c.Notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": version}, "contentChanges": []any{change}}); err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		d, err := c.WaitDiagnostics(ctx, uri, seq, version)
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		samples = append(samples, d.At.Sub(start))
	}
	b.StopTimer()
	reportPercentiles(b, samples)
}

func lspRange(l1, c1, l2, c2 int) map[string]any {
	return map[string]any{"start": map[string]any{"line": l1, "character": c1}, "end": map[string]any{"line": l2, "character": c2}}
}

// BenchmarkOpenFiles opens 200 stdlib files (every ~3rd file, in a fixed order) and
// reports the Go heap in use afterwards (the parse trees' C memory is not in it; the
// process's peak RSS is measured by cmd/pyward-bench).
func BenchmarkOpenFiles(b *testing.B) {
	root := stdlib(b)
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
	step := max(len(files)/200, 1)
	var pick []string
	for i := 0; i < len(files) && len(pick) < 200; i += step {
		pick = append(pick, files[i])
	}
	for i := 0; i < b.N; i++ {
		c := inProcess(b, root)
		start := time.Now()
		for _, f := range pick {
			openAndWait(b, c, f)
		}
		b.ReportMetric(float64(time.Since(start))/float64(len(pick))/float64(time.Millisecond), "ms/file")
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		b.ReportMetric(float64(len(pick)), "files")
		// PYWARD_HEAPPROFILE=file writes the heap as it is with the files open, for
		// go tool pprof -sample_index=inuse_space.
		if out := os.Getenv("PYWARD_HEAPPROFILE"); out != "" {
			f, err := os.Create(out)
			if err != nil {
				b.Fatal(err)
			}
			if err := pprof.WriteHeapProfile(f); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	}
}

// BenchmarkCheckStdlib runs `pyward check` over the whole standard library (about
// 11,000 files with the tests): go test ./cmd/pyward -run XXX -bench CheckStdlib -benchtime 1x
func BenchmarkCheckStdlib(b *testing.B) {
	root := stdlib(b)
	for i := 0; i < b.N; i++ {
		var out countWriter
		status := run([]string{"check", root}, nil, &out, io.Discard)
		if status != 0 && status != 1 {
			b.Fatalf("pyward check exited %d", status)
		}
		b.ReportMetric(float64(out.lines), "findings")
	}
}

type countWriter struct{ lines int }

func (w *countWriter) Write(p []byte) (int, error) {
	w.lines += strings.Count(string(p), "\n")
	return len(p), nil
}
