package diskcache

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestDirHonoursXDG(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/tmp/xdg-test")
	d, err := Dir()
	if err != nil || d != filepath.Join("/tmp/xdg-test", "pyward") {
		t.Fatalf("Dir() = %q, %v", d, err)
	}
	t.Setenv("XDG_CACHE_HOME", "relative/ignored")
	d, err = Dir()
	if err == nil && !filepath.IsAbs(d) {
		t.Fatalf("a relative XDG_CACHE_HOME must not be used (XDG spec); got %q", d)
	}
}

func TestPutGet(t *testing.T) {
	c, err := Open(t.TempDir(), "kind")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("k"); ok {
		t.Fatal("hit in an empty cache")
	}
	if err := c.Put("k", []byte("value")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get("k"); !ok || string(got) != "value" {
		t.Fatalf("Get = %q, %v", got, ok)
	}
	if _, ok := c.Get("other"); ok {
		t.Fatal("hit for another key")
	}
	c.Delete("k")
	if _, ok := c.Get("k"); ok {
		t.Fatal("hit after Delete")
	}
}

func TestDisabled(t *testing.T) {
	var c Cache
	if err := c.Put("k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("k"); ok {
		t.Fatal("a disabled cache hit")
	}
}

// TestCorruptEntries: every way an entry can be damaged reads as a miss.
func TestCorruptEntries(t *testing.T) {
	c, _ := Open(t.TempDir(), "kind")
	if err := c.Put("key", []byte("some data")); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(c.path("key"))
	if err != nil {
		t.Fatal(err)
	}
	flip := append([]byte(nil), good...)
	flip[len(flip)-1] ^= 1
	otherKey := encode("yek", []byte("some data"))
	cases := map[string][]byte{
		"empty":         {},
		"garbage":       []byte("{not an entry"),
		"magic only":    []byte(magic),
		"truncated":     good[:len(good)-3],
		"short header":  good[:len(magic)+2],
		"flipped bit":   flip,
		"foreign key":   otherKey,
		"huge key size": append([]byte(magic), 0xff, 0xff, 0xff, 0xff),
		"dirty padding": dirtyPadding(good),
	}
	for name, raw := range cases {
		if err := os.WriteFile(c.path("key"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, ok := c.Get("key"); ok {
			t.Errorf("%s: Get = %q, want a miss", name, got)
		}
	}
	// A good Put repairs the entry.
	if err := c.Put("key", []byte("again")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get("key"); !ok || string(got) != "again" {
		t.Fatalf("after repair Get = %q, %v", got, ok)
	}
}

// TestConcurrentWriters: readers racing writers only ever see a whole entry.
func TestConcurrentWriters(t *testing.T) {
	c, _ := Open(t.TempDir(), "kind")
	values := map[string]bool{}
	for w := 0; w < 4; w++ {
		values[fmt.Sprintf("writer %d %0500d", w, w)] = true
	}
	var wg sync.WaitGroup
	for v := range values {
		wg.Add(1)
		go func(v string) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if err := c.Put("shared", []byte(v)); err != nil {
					t.Error(err)
					return
				}
			}
		}(v)
	}
	for r := 0; r < 2; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if got, ok := c.Get("shared"); ok && !values[string(got)] {
					t.Errorf("read a torn entry: %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
	entries, _ := filepath.Glob(filepath.Join(filepath.Dir(c.path("shared")), ".tmp-*"))
	if len(entries) != 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// TestDataIsAligned: whatever the key's length, Get's bytes start at an address
// aligned to dataAlign, so that readers may view them as records without a copy.
func TestDataIsAligned(t *testing.T) {
	c, _ := Open(t.TempDir(), "kind")
	for n := 0; n < 3*dataAlign; n++ {
		key := strings.Repeat("k", n)
		data := []byte(strings.Repeat("d", n+1))
		if err := c.Put(key, data); err != nil {
			t.Fatal(err)
		}
		got, ok := c.Get(key)
		if !ok || string(got) != string(data) {
			t.Fatalf("key of %d bytes: Get = %q, %v", n, got, ok)
		}
		if addr := uintptr(unsafe.Pointer(&got[0])); addr%dataAlign != 0 {
			t.Errorf("key of %d bytes: data at %#x, not aligned to %d", n, addr, dataAlign)
		}
	}
}

// dirtyPadding returns entry with a non-zero byte in the padding after its checksum
// (the entry's key, "key", leaves some).
func dirtyPadding(entry []byte) []byte {
	out := append([]byte(nil), entry...)
	out[headerSize(len("key"))-1] = 1
	return out
}
