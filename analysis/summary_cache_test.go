package analysis

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/pyward/pyward/analysis/diskcache"
	"github.com/pyward/pyward/pathing"
)

// summaryEntries counts the entries of a cache folder.
func summaryEntries(c diskcache.Cache) []string {
	var out []string
	_ = filepath.WalkDir(c.Dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// newSummaryIndex is an index over the real file system, counting reads, with the
// summary cache c.
func newSummaryIndex(c diskcache.Cache) (*Index, *countingFS) {
	fs := &countingFS{FS: pathing.OSFS, reads: map[string]int{}}
	ix := NewIndex(fs, pathing.Host)
	ix.SetSummaryCache(c)
	return ix, fs
}

// TestSummaryCache: a second index over the same summary cache reads the summary
// without reading or parsing the file, and gets the same summary; a changed file, a
// damaged entry and a new pyward build each make the summary anew.
func TestSummaryCache(t *testing.T) {
	_, paths := writeModules(t, 1)
	p := paths[0]
	if err := os.WriteFile(p, []byte("from os import *\n__all__ = ['f0']\nasync def f0():\n    pass\nclass C(B):\n    def m(self):\n        self.x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache, err := diskcache.Open(t.TempDir(), "summaries")
	if err != nil {
		t.Fatal(err)
	}
	first, _ := newSummaryIndex(cache)
	s1, err := first.Summary(p)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(summaryEntries(cache)); n != 1 {
		t.Fatalf("%d cache entries after one summary, want 1", n)
	}
	second, fs := newSummaryIndex(cache)
	s2, err := second.Summary(p)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s1, s2) {
		t.Fatal("the summary read from the cache differs from the one made")
	}
	if fs.reads[p] != 0 {
		t.Errorf("the file was read %d times with its summary cached, want 0", fs.reads[p])
	}
	if _, ok := second.disk.peek(second.key(p)); ok {
		t.Error("a summary read from the cache brought a full model with it")
	}
	// The full model is still there when asked for.
	if m, err := second.Module(p); err != nil || m.TopLevel("f0") == nil {
		t.Fatalf("Module after a cached summary: %v", err)
	}

	// A damaged entry is a miss: the summary is made again (and the entry repaired).
	for _, e := range summaryEntries(cache) {
		if err := os.WriteFile(e, []byte("damaged"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	third, fs3 := newSummaryIndex(cache)
	if s3, err := third.Summary(p); err != nil || !reflect.DeepEqual(s3, s1) || fs3.reads[p] != 1 {
		t.Fatalf("after damage: %v, same %v, %d reads", err, reflect.DeepEqual(s3, s1), fs3.reads[p])
	}
	fourth, fs4 := newSummaryIndex(cache)
	if _, err := fourth.Summary(p); err != nil || fs4.reads[p] != 0 {
		t.Fatalf("the damaged entry was not repaired: %v, %d reads", err, fs4.reads[p])
	}

	// Another build of pyward does not read this build's entries.
	old := summaryVersion
	summaryVersion = func() string { return "another build" }
	fifth, fs5 := newSummaryIndex(cache)
	_, err = fifth.Summary(p)
	summaryVersion = old
	if err != nil || fs5.reads[p] != 1 {
		t.Fatalf("another build: %v, %d reads, want 1", err, fs5.reads[p])
	}

	// A changed file is a new entry.
	if err := os.WriteFile(p, []byte("def g():\n    pass\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	_ = os.Chtimes(p, later, later)
	sixth, _ := newSummaryIndex(cache)
	if s6, err := sixth.Summary(p); err != nil || s6.FirstBinding("g") == nil || s6.FirstBinding("f0") != nil {
		t.Fatalf("the changed file was not summarized again: %v", err)
	}

	// Turned off: nothing is read or written.
	off, _ := newSummaryIndex(diskcache.Cache{})
	before := len(summaryEntries(cache))
	if _, err := off.Summary(p); err != nil {
		t.Fatal(err)
	}
	if after := len(summaryEntries(cache)); after != before {
		t.Errorf("a disabled cache wrote %d entries", after-before)
	}
}

// TestSummaryCacheConcurrentWriters: indexes summarizing the same files at the same
// time over one cache all get the right summaries, and the entries they leave read
// back whole.
func TestSummaryCacheConcurrentWriters(t *testing.T) {
	_, paths := writeModules(t, 8)
	cache, err := diskcache.Open(t.TempDir(), "summaries")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix, _ := newSummaryIndex(cache)
			for i, p := range paths {
				s, err := ix.Summary(p)
				if err != nil || s.FirstBinding("f"+string(rune('0'+i))) == nil {
					errs <- p
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for p := range errs {
		t.Errorf("wrong summary of %s", p)
	}
	if n := len(summaryEntries(cache)); n != len(paths) {
		t.Errorf("%d entries, want %d (no temporary files left)", n, len(paths))
	}
	ix, fs := newSummaryIndex(cache)
	for i, p := range paths {
		if s, err := ix.Summary(p); err != nil || s.FirstBinding("f"+string(rune('0'+i))) == nil {
			t.Errorf("%s read back wrong: %v", p, err)
		}
		if fs.reads[p] != 0 {
			t.Errorf("%s was read, not its cached summary", p)
		}
	}
}

// TestSummaryOfOpenBuffer: an open buffer's summary is its own, made again when the
// buffer changes, never the file's or a cached one.
func TestSummaryOfOpenBuffer(t *testing.T) {
	_, paths := writeModules(t, 1)
	p := paths[0]
	cache, _ := diskcache.Open(t.TempDir(), "summaries")
	ix, _ := newSummaryIndex(cache)
	if s, err := ix.Summary(p); err != nil || s.FirstBinding("f0") == nil {
		t.Fatal(err)
	}
	open := func(src string) *Summary {
		m := buildModule(t, src)
		ix.SetOpen(p, &File{Path: p, Module: m})
		s, err := ix.Summary(p)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := open("async def h(): pass\n"); s.FirstBinding("h") == nil || s.FirstBinding("f0") != nil {
		t.Error("the open buffer's summary is not its own")
	}
	if s := open("k = 1\n"); s.FirstBinding("k") == nil || s.FirstBinding("h") != nil {
		t.Error("the summary of an edited buffer is stale")
	}
	ix.CloseOpen(p)
	if s, err := ix.Summary(p); err != nil || s.FirstBinding("f0") == nil || s.FirstBinding("k") != nil {
		t.Errorf("after closing, the file's summary: %v", err)
	}
}
