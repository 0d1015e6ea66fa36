package imports

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/diskcache"
	"github.com/pyward/pyward/pathing"
)

// TestStarLookupsFromSummaryCache checks that a fresh index answering from a warm
// summary cache (Index.MayExport reads the cached summary instead of the text) finds,
// for every standard-library module with a star import and every name its star
// sources bind (and a few they do not), the same final definition as an index with no
// cache at all.
func TestStarLookupsFromSummaryCache(t *testing.T) {
	paths, std := python3Paths()
	if std == "" {
		t.Fatal("python3's standard library is needed")
	}
	roots := append([]string{std}, paths...)
	newIndex := func(cache diskcache.Cache) index {
		ix := analysis.NewIndex(pathing.OSFS, pathing.Posix)
		ix.SetRoots(roots)
		ix.SetSummaryCache(cache)
		return index{Index: ix, lazy: true}
	}
	star := regexp.MustCompile(`(?m)^from\s+\S+\s+import\s+\*`)
	var mods []pathing.Module
	_ = filepath.WalkDir(std, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "site-packages" || d.Name() == "test" || d.Name() == "idlelib") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		if src, err := os.ReadFile(p); err == nil && star.Match(src) {
			pm := pathing.Module{Name: strings.TrimSuffix(filepath.Base(p), ".py"), Kind: pathing.KindModule, Path: p}
			if filepath.Base(p) == "__init__.py" {
				pm.Kind, pm.Dirs = pathing.KindPackage, []string{filepath.Dir(p)}
			}
			mods = append(mods, pm)
		}
		return nil
	})
	if len(mods) < 10 {
		t.Fatalf("only %d modules with a star import under %s", len(mods), std)
	}
	// the names: those bound at the top level of the modules a star import reads
	reference := newIndex(diskcache.Cache{})
	names := map[string]bool{"__nothing_here__": true, "_": true, "sleep": true, "Future": true, "path": true}
	sources := map[string]*analysis.Module{} // the modules star imports read, by path
	for _, pm := range mods {
		m, err := reference.Module(pm.Path)
		if err != nil {
			continue
		}
		for _, imp := range m.Imports {
			if !imp.Star {
				continue
			}
			if src, path := ModuleOf(reference.Index, &analysis.File{Path: pm.Path, Module: m}, imp); src != nil {
				sources[path] = src
				for n := range src.Scope.Bindings.All() {
					names[n] = true
				}
			}
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	cache, err := diskcache.Open(t.TempDir(), "summaries")
	if err != nil {
		t.Fatal(err)
	}
	ask := func(ix index) []string {
		var out []string
		for _, pm := range mods {
			for _, name := range sorted {
				got, ok := ix.lookupIn(pm, name, false, map[string]bool{}, 0)
				out = append(out, pm.Path+" "+name+": "+targetString(got, ok))
			}
		}
		return out
	}
	want := ask(newIndex(diskcache.Cache{}))
	ask(newIndex(cache)) // fills the cache
	got := ask(newIndex(cache))
	found := 0
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("from the summary cache: %s; without a cache: %s", got[i], want[i])
		}
		if !strings.HasSuffix(want[i], "not found") {
			found++
		}
	}
	if found < 500 {
		t.Fatalf("only %d of %d lookups found something: the test is not exercising star imports", found, len(want))
	}
	t.Logf("%d modules with star imports, %d names, %d lookups, %d found", len(mods), len(sorted), len(want), found)

	// Each source asked afresh (MayExport answers from the cached summary only for a
	// module not yet in memory): never "no" where the star import does bring the name.
	fresh := newIndex(cache)
	pruned := 0
	for path, src := range sources {
		pm := pathing.Module{Name: strings.TrimSuffix(filepath.Base(path), ".py"), Kind: pathing.KindModule, Path: path}
		if filepath.Base(path) == "__init__.py" {
			pm.Kind, pm.Dirs = pathing.KindPackage, []string{filepath.Dir(path)}
		}
		asked := append([]string{"__nothing_here__", "_private", "sleep"}, src.All...)
		for n := range src.Scope.Bindings.All() {
			asked = append(asked, n)
		}
		for _, name := range asked {
			fresh.InvalidateAll()
			may := fresh.MayExport(path, name)
			if exported, _ := reference.starExports(pm, name, false); exported && !may {
				t.Errorf("%s: `from ... import *` brings %q, but MayExport from the cached summary says no", path, name)
			}
			if !may {
				pruned++
			}
		}
	}
	if pruned == 0 {
		t.Fatal("MayExport from cached summaries never said no: the test is not exercising it")
	}
}
