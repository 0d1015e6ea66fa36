package analysis

import (
	"fmt"
	"github.com/pyward/pyward/analysis/diskcache"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pyward/pyward/pathing"
)

// countingFS counts the reads of each file.
type countingFS struct {
	pathing.FS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
	return c.FS.ReadFile(name)
}

func writeModules(t *testing.T, n int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("m%d.py", i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf("def f%d():\n    return %d\n", i, i)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return dir, paths
}

// TestModuleParsedOnceWhenAskedAtOnce: many goroutines asking for the same module at
// the same time share one parse.
func TestModuleParsedOnceWhenAskedAtOnce(t *testing.T) {
	_, paths := writeModules(t, 1)
	fs := &countingFS{FS: pathing.OSFS, reads: map[string]int{}}
	ix := NewIndex(fs, pathing.Host)
	var wg sync.WaitGroup
	var got sync.Map
	var errs atomic.Int32
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := ix.Module(paths[0])
			if err != nil || m == nil {
				errs.Add(1)
				return
			}
			got.Store(m, true)
		}()
	}
	wg.Wait()
	if errs.Load() > 0 {
		t.Fatalf("%d callers failed", errs.Load())
	}
	n := 0
	got.Range(func(any, any) bool { n++; return true })
	if reads := fs.reads[paths[0]]; reads != 1 || n != 1 {
		t.Errorf("the file was read %d times and gave %d modules, want 1 and 1", reads, n)
	}
}

// TestModuleBudget: over its budget the cache drops the least recently used modules
// (keeping at least minModules), and a dropped module is parsed again when asked.
func TestModuleBudget(t *testing.T) {
	_, paths := writeModules(t, 40)
	fs := &countingFS{FS: pathing.OSFS, reads: map[string]int{}}
	ix := NewIndex(fs, pathing.Host)
	ix.SetModuleBudget(1)
	for _, p := range paths {
		if _, err := ix.Module(p); err != nil {
			t.Fatal(err)
		}
	}
	if n := ix.disk.lru.Len(); n != minModules {
		t.Errorf("%d modules cached with a 1-byte budget, want %d", n, minModules)
	}
	last := paths[len(paths)-1]
	if _, err := ix.Module(last); err != nil || fs.reads[last] != 1 {
		t.Errorf("the most recent module was read %d times, want 1 (cached)", fs.reads[last])
	}
	if _, err := ix.Module(paths[0]); err != nil || fs.reads[paths[0]] != 2 {
		t.Errorf("the oldest module was read %d times, want 2 (dropped, parsed again)", fs.reads[paths[0]])
	}
	ix.SetModuleBudget(0)
	for _, p := range paths {
		_, _ = ix.Module(p)
	}
	if n := ix.disk.lru.Len(); n != len(paths) {
		t.Errorf("%d modules cached without a budget, want %d", n, len(paths))
	}
	if ix.disk.used <= 0 {
		t.Errorf("used = %d", ix.disk.used)
	}
}

// TestTreeCache: a second index over the same tree cache reads the parsed trees
// instead of parsing (the same module), a changed file is parsed again, and a damaged
// entry is parsed again and repaired.
func TestTreeCache(t *testing.T) {
	_, paths := writeModules(t, 1)
	p := paths[0]
	cache, err := diskcache.Open(t.TempDir(), "trees")
	if err != nil {
		t.Fatal(err)
	}
	first := NewIndex(pathing.OSFS, pathing.Host)
	first.SetTreeCache(cache)
	m1, err := first.Module(p)
	if err != nil {
		t.Fatal(err)
	}
	entries := func() int {
		n := 0
		_ = filepath.WalkDir(cache.Dir, func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	if entries() != 1 {
		t.Fatalf("%d cache entries after one parse, want 1", entries())
	}
	second := NewIndex(pathing.OSFS, pathing.Host)
	second.SetTreeCache(cache)
	m2, err := second.Module(p)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(m1.Tree.Nodes) != fmt.Sprint(m2.Tree.Nodes) || m2.TopLevel("f0") == nil {
		t.Fatal("the module read from the cache differs from the one parsed")
	}
	// Damage every entry: the next index parses again and gets the same module.
	_ = filepath.WalkDir(cache.Dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			_ = os.WriteFile(path, []byte("damaged"), 0o644)
		}
		return nil
	})
	third := NewIndex(pathing.OSFS, pathing.Host)
	third.SetTreeCache(cache)
	if m3, err := third.Module(p); err != nil || fmt.Sprint(m3.Tree.Nodes) != fmt.Sprint(m1.Tree.Nodes) {
		t.Fatalf("after damage: %v", err)
	}
	// A changed file is a new entry.
	if err := os.WriteFile(p, []byte("async def g():\n    pass\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fourth := NewIndex(pathing.OSFS, pathing.Host)
	fourth.SetTreeCache(cache)
	if m4, err := fourth.Module(p); err != nil || m4.TopLevel("g") == nil || m4.TopLevel("f0") != nil {
		t.Fatalf("the changed file was not parsed again: %v", err)
	}
}
