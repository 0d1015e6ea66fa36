package imports

// The oracle: import resolution as it was before module summaries, reading every
// module's full model and text. TestSummaryLookupMatchesModel checks that the
// summary-based walk answers exactly as this does over the whole standard library.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// lookupIn follows name bound at the top level of mod to its final definition.
func (ix index) oracleLookupIn(mod pathing.Module, name string, stub bool, seen map[string]bool, depth int) (Target, bool) {
	path := sourcePath(mod, stub)
	if path == "" || depth > maxFollow {
		return Target{}, false
	}
	key := path + "\x00" + name
	if seen[key] {
		return Target{}, false
	}
	seen[key] = true
	if !ix.MayBind(path, name) {
		return Target{}, false
	}
	m, err := ix.Module(path)
	if err != nil {
		return Target{}, false
	}
	if b := FirstBinding(m, name); b != nil {
		here := Target{Module: mod, Path: path, File: m, Binding: b}
		if b.Kind == analysis.BindImport && b.Import != nil && b.ImportName != nil {
			if t, ok := ix.oracleFollowImport(path, b, stub, seen, depth+1); ok {
				return t, true
			}
		}
		return here, true
	}
	// star imports, in source order
	for _, imp := range m.Imports {
		if !imp.Star || imp.Scope != m.Scope {
			continue
		}
		_, segs, ie := ix.resolveModule(path, false, imp.Dots, segmentNames(imp.Module))
		var src pathing.Module
		switch {
		case ie != nil:
			continue
		case len(imp.Module) == 0 && imp.Dots > 0:
			base, _, _ := ix.resolveModule(path, false, imp.Dots, nil)
			if base == nil {
				continue
			}
			src = *base
		case len(segs) == len(imp.Module) && len(segs) > 0:
			src = segs[len(segs)-1]
		default:
			continue
		}
		if !ix.MayExport(sourcePath(src, stub), name) {
			continue
		}
		exported, inAll := ix.oracleStarExports(src, name, stub)
		if !exported {
			continue
		}
		if t, ok := ix.oracleLookupIn(src, name, stub, seen, depth+1); ok {
			return t, true
		}
		if inAll {
			if sub, ok := ix.submodule(src, name); ok {
				return ix.moduleTarget(sub, stub), true
			}
		}
	}
	return Target{}, false
}

// starExports reports whether `from src import *` may bind name: it is in src's
// static __all__ (inAll), or src has no __all__ and name is public.
func (ix index) oracleStarExports(src pathing.Module, name string, stub bool) (exported, inAll bool) {
	path := sourcePath(src, stub)
	if path == "" {
		return false, false
	}
	m, err := ix.Module(path)
	if err != nil {
		return false, false
	}
	if m.HasAll && !m.DynamicAll {
		for _, n := range m.All {
			if n == name {
				return true, true
			}
		}
		return false, false
	}
	return !strings.HasPrefix(name, "_"), false
}

// followImport follows an import binding b found in the module at path.
func (ix index) oracleFollowImport(path string, b *analysis.Binding, stub bool, seen map[string]bool, depth int) (Target, bool) {
	imp, in := b.Import, b.ImportName
	if !imp.From {
		names := segmentNames(in.Path)
		if in.Alias == nil {
			names = names[:1] // `import a.b.c` binds a
		}
		_, segs, ie := ix.resolveModule(path, false, 0, names)
		if ie != nil || len(segs) != len(names) {
			return Target{}, false
		}
		return ix.moduleTarget(segs[len(segs)-1], stub), true
	}
	if imp.Future {
		return Target{}, false
	}
	base, segs, ie := ix.resolveModule(path, false, imp.Dots, segmentNames(imp.Module))
	if ie != nil {
		return Target{}, false
	}
	var src pathing.Module
	switch {
	case len(imp.Module) == 0 && base != nil:
		src = *base
	case len(imp.Module) > 0 && len(segs) == len(imp.Module):
		src = segs[len(segs)-1]
	default:
		return Target{}, false
	}
	name := in.Path[0].Name
	if t, ok := ix.oracleLookupIn(src, name, stub, seen, depth); ok {
		return t, true
	}
	if sub, ok := ix.submodule(src, name); ok {
		return ix.moduleTarget(sub, stub), true
	}
	return Target{}, false
}

func (ix index) oracleNamesSurelyKnown(m pathing.Module, seen map[string]bool) bool {
	if m.Kind == pathing.KindExtension || !isSource(m.Path) {
		return false
	}
	if seen[m.Path] {
		return true
	}
	seen[m.Path] = true
	if len(seen) > maxFollow {
		return false
	}
	mod, err := ix.Module(m.Path)
	if err != nil {
		return false
	}
	if mod.HasGetattr || mod.WritesGlobals || mod.DynamicAll {
		return false
	}
	src := mod.Tree.Src
	for _, marker := range dynamicMarkers {
		if strings.Contains(string(src), marker) {
			return false
		}
	}
	for _, imp := range mod.Imports {
		if !imp.Star {
			continue
		}
		if imp.Scope != mod.Scope {
			return false
		}
		base, segs, ie := ix.resolveModule(m.Path, false, imp.Dots, segmentNames(imp.Module))
		if ie != nil {
			return false
		}
		var sm pathing.Module
		switch {
		case len(imp.Module) == 0 && base != nil:
			sm = *base
		case len(imp.Module) > 0 && len(segs) == len(imp.Module):
			sm = segs[len(segs)-1]
		default:
			return false
		}
		if !ix.oracleNamesSurelyKnown(sm, seen) {
			return false
		}
	}
	return true
}

// oracleParentMayFake is parentMayFake's question on the full text: does the
// module at path spell an import-hook marker?
func (ix index) oracleParentMayFake(path string) bool {
	m, err := ix.Module(path)
	if err != nil {
		return true
	}
	for _, marker := range importHookMarkers {
		if bytes.Contains(m.Tree.Src, []byte(marker)) {
			return true
		}
	}
	return false
}

// TestMarkersAreSummarized checks that every spelling import resolution looks for in
// a module's text is one a summary records.
func TestMarkersAreSummarized(t *testing.T) {
	s := &analysis.Summary{}
	for _, mk := range append(append([]string(nil), dynamicMarkers...), importHookMarkers...) {
		if _, known := s.Spells(mk); !known {
			t.Errorf("%q is not in analysis.TextMarkers: summaries cannot answer it", mk)
		}
	}
}

// targetString describes a lookup's answer for comparison.
func targetString(t Target, ok bool) string {
	if !ok {
		return "not found"
	}
	s := fmt.Sprintf("%s %s path=%s file=%v", t.Module.Name, t.Module.Path, t.Path, t.File != nil)
	if t.Binding != nil {
		s += fmt.Sprintf(" binding=%s %v %v", t.Binding.Name, t.Binding.Kind, t.Binding.Span)
	}
	if t.Name != "" {
		s += " name=" + t.Name
	}
	return s
}

// TestSummaryLookupMatchesModel checks, for every module of the standard library and
// every name bound at its top level (and a few that are not), that the walk through
// summaries finds the same final definition as the walk through full models (stub and
// source preference), judges star exports and "names surely known" alike, and that a
// summary spots import-hook markers where the text does.
func TestSummaryLookupMatchesModel(t *testing.T) {
	o := runStdlibOracle(t)
	ix := index{Index: stdlibIndex(o)}
	lazy := index{Index: ix.Index, lazy: true}
	var files []string
	_ = filepath.WalkDir(o.Stdlib, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "site-packages" || d.Name() == "__pycache__" || d.Name() == "test" || d.Name() == "idlelib") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".py") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) < 300 {
		t.Fatalf("only %d modules under %s", len(files), o.Stdlib)
	}
	questions, found := 0, 0
	for _, p := range files {
		m, err := ix.Module(p)
		if err != nil {
			continue
		}
		pm := pathing.Module{Name: strings.TrimSuffix(filepath.Base(p), ".py"), Kind: pathing.KindModule, Path: p}
		if filepath.Base(p) == "__init__.py" {
			pm.Kind, pm.Dirs = pathing.KindPackage, []string{filepath.Dir(p)}
		}
		names := []string{"__nothing_here__", "_", "sleep", "Future", "path", "join"}
		for n := range m.Scope.Bindings.All() {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			for _, stub := range []bool{false, true} {
				questions++
				got, gok := ix.lookupIn(pm, name, stub, map[string]bool{}, 0)
				want, wok := ix.oracleLookupIn(pm, name, stub, map[string]bool{}, 0)
				if want.Binding != nil {
					want.Name = want.Binding.Name
				}
				if g, w := targetString(got, gok), targetString(want, wok); g != w {
					t.Errorf("%s: lookup %q (stub %v): %s; the full models say %s", p, name, stub, g, w)
				}
				if gok {
					found++
				}
				_, bok := ix.find(pm, name, stub, map[string]bool{}, 0, false)
				if bok != wok {
					t.Errorf("%s: %q found without parsing: %v; the full models say %v", p, name, bok, wok)
				}
				lt, lok := lazy.lookupIn(pm, name, stub, map[string]bool{}, 0)
				strip := want
				strip.File, strip.Binding = nil, nil
				if g, w := targetString(lt, lok), targetString(strip, wok); g != w || lok && lt.IsModule() != want.IsModule() {
					t.Errorf("%s: lazy lookup %q (stub %v): %s; the full models say %s", p, name, stub, g, w)
				}
				if lok {
					mt, mok := Materialize(ix.Index, lt)
					if g, w := targetString(mt, mok), targetString(want, wok); g != w {
						t.Errorf("%s: lazy lookup %q (stub %v) materialized: %s; the full models say %s", p, name, stub, g, w)
					}
				}
				ge, gi := ix.starExports(pm, name, stub)
				we, wi := ix.oracleStarExports(pm, name, stub)
				if ge != we || gi != wi {
					t.Errorf("%s: star exports %q: %v %v; the full models say %v %v", p, name, ge, gi, we, wi)
				}
			}
		}
		if g, w := ix.namesSurelyKnown(pm, map[string]bool{}), ix.oracleNamesSurelyKnown(pm, map[string]bool{}); g != w {
			t.Errorf("%s: names surely known %v; the full models say %v", p, g, w)
		}
		par := pm
		if g, w := ix.parentMayFake(nil, []pathing.Module{par, {}}, 1), ix.oracleParentMayFake(p); g != w {
			t.Errorf("%s: may fake submodules %v; the text says %v", p, g, w)
		}
	}
	if found < questions/4 {
		t.Fatalf("only %d of %d lookups found something: the sweep is not exercising the walk", found, questions)
	}
	t.Logf("%d modules, %d lookups, %d found", len(files), questions, found)
}

// TestSummaryOfMatchesModuleOf checks, for every from-import and star import of the
// standard library (outside its tests), that SummaryOf finds the module ModuleOf parses,
// and that the summary's __all__ and top-level names are the model's.
func TestSummaryOfMatchesModuleOf(t *testing.T) {
	o := runStdlibOracle(t)
	ix := stdlibIndex(o)
	n := 0
	_ = filepath.WalkDir(o.Stdlib, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "site-packages" || d.Name() == "__pycache__" || d.Name() == "test" || d.Name() == "idlelib") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		m, err := ix.Module(p)
		if err != nil {
			return nil
		}
		f := &analysis.File{Path: p, Module: m}
		for _, imp := range m.Imports {
			if !imp.From || imp.Future {
				continue
			}
			n++
			mod, mpath := ModuleOf(ix, f, imp)
			s, spath := SummaryOf(ix, f, imp)
			if mpath != spath || (mod == nil) != (s == nil) {
				t.Errorf("%s: %s: SummaryOf %q (%v), ModuleOf %q (%v)", p, importString(imp), spath, s != nil, mpath, mod != nil)
				continue
			}
			if mod == nil {
				continue
			}
			if fmt.Sprint(s.All, s.HasAll, s.DynamicAll) != fmt.Sprint(append([]string(nil), mod.All...), mod.HasAll, mod.DynamicAll) || len(s.Bindings) != mod.Scope.Bindings.Len() {
				t.Errorf("%s: %s: the summary's __all__ or names differ from the model's", p, importString(imp))
			}
		}
		return nil
	})
	if n < 1000 {
		t.Fatalf("only %d from-imports checked", n)
	}
}

func importString(imp *analysis.Import) string {
	return fmt.Sprintf("from %s%s import ...", strings.Repeat(".", imp.Dots), strings.Join(segmentNames(imp.Module), "."))
}
