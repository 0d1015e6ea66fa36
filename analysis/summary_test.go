package analysis

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis/syntax"
)

// summaryStdlib returns python3's standard library folder. Without python3 the test
// fails when CI=true (CI installs it) and is skipped elsewhere.
func summaryStdlib(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	dir := strings.TrimSpace(string(out))
	if err == nil {
		if st, serr := os.Stat(dir); serr == nil && st.IsDir() {
			return dir
		}
		err = fmt.Errorf("no folder %q", dir)
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("python3's standard library is needed: %v", err)
	}
	t.Skipf("python3's standard library is needed: %v", err)
	return ""
}

// stdlibModules calls f with the model of every .py file of the standard library
// (site-packages and test data left out).
func stdlibModules(t *testing.T, f func(path string, m *Module)) {
	dir := summaryStdlib(t)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case "site-packages", "__pycache__":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".py") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil || len(src) > maxIndexedFileSize {
			return nil
		}
		tree, err := syntax.Parse(src)
		if err != nil {
			return nil
		}
		n++
		f(p, Build(tree))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 500 {
		t.Fatalf("only %d modules in %s", n, dir)
	}
}

// TestSummaryMatchesModel checks, over every module of the standard library, that the
// summary answers each question another module asks exactly as the full model does:
// the bindings of every module-level name (kind, position, what an import binds and
// from where, a def's async-ness and decorators, a class's bases and members), the
// first binding of each name, the module-level imports and star imports, __all__, a
// module __getattr__, globals() writes and the text markers; and that it survives
// encoding.
func TestSummaryMatchesModel(t *testing.T) {
	modules, names := 0, 0
	stdlibModules(t, func(path string, m *Module) {
		modules++
		s := Summarize(m)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
		}
		back, err := DecodeSummary(EncodeSummary(s))
		if err != nil {
			fail("decode: %v", err)
		} else if !reflect.DeepEqual(back, s) {
			fail("the summary changes through encoding")
		}
		if !bytes.Equal(EncodeSummary(s), EncodeSummary(back)) {
			fail("the encoding is not deterministic")
		}
		if len(s.Bindings) != m.Scope.Bindings.Len() {
			fail("%d names, the model has %d", len(s.Bindings), m.Scope.Bindings.Len())
		}
		for name, bs := range m.Scope.Bindings.All() {
			names++
			sbs := s.Bindings[name]
			if len(sbs) != len(bs) {
				fail("%s: %d bindings, the model has %d", name, len(sbs), len(bs))
				continue
			}
			for i, b := range bs {
				checkSummaryBinding(t, path, m, s, b, &sbs[i])
			}
			// the first binding, as import resolution picks it
			var first *Binding
			for _, b := range bs {
				if b.Kind == BindDel || b.Kind == BindStarImport {
					continue
				}
				if first == nil || b.Span.Start < first.Span.Start {
					first = b
				}
			}
			sf := s.FirstBinding(name)
			switch {
			case first == nil && sf != nil, first != nil && sf == nil:
				fail("%s: first binding %v, the model's %v", name, sf, first)
			case first != nil && (sf.Kind != first.Kind || sf.Span != first.Span):
				fail("%s: first binding %v at %v, the model's %v at %v", name, sf.Kind, sf.Span, first.Kind, first.Span)
			}
			mc, sc := m.Class(name), s.Class(name)
			if (mc == nil) != (sc == nil) || mc != nil && !sameClass(mc, sc) {
				fail("%s: class %+v, the model's %+v", name, sc, mc)
			}
		}
		var stars, nested []string
		for _, imp := range m.Imports {
			if imp.Scope != m.Scope {
				if imp.Star {
					nested = append(nested, importString(imp))
				}
				continue
			}
			if imp.Star {
				stars = append(stars, importString(imp))
			}
		}
		var sstars []string
		if len(s.Imports) != len(m.Imports) {
			fail("%d imports, the model has %d", len(s.Imports), len(m.Imports))
		}
		for i := range s.Imports {
			if i < len(m.Imports) && (s.Imports[i].Nested != (m.Imports[i].Scope != m.Scope) || summaryImportString(&s.Imports[i]) != importString(m.Imports[i])) {
				fail("import %d: %s, the model's %s", i, summaryImportString(&s.Imports[i]), importString(m.Imports[i]))
			}
			if s.Imports[i].Star && !s.Imports[i].Nested {
				sstars = append(sstars, summaryImportString(&s.Imports[i]))
			}
		}
		if !reflect.DeepEqual(stars, sstars) {
			fail("star imports %q, the model's %q", sstars, stars)
		}
		if s.NestedStar != (len(nested) > 0) {
			fail("NestedStar %v, the model has %q", s.NestedStar, nested)
		}
		if !reflect.DeepEqual(s.All, append([]string(nil), m.All...)) || s.HasAll != m.HasAll || s.DynamicAll != m.DynamicAll {
			fail("__all__ %q %v %v, the model's %q %v %v", s.All, s.HasAll, s.DynamicAll, m.All, m.HasAll, m.DynamicAll)
		}
		var nonlocals []string
		for n, ok := range m.Scope.Nonlocals {
			if ok {
				nonlocals = append(nonlocals, n)
			}
		}
		sort.Strings(nonlocals)
		if !reflect.DeepEqual(s.Nonlocals, nonlocals) {
			fail("nonlocals %q, the model's %q", s.Nonlocals, nonlocals)
		}
		if s.HasGetattr != m.HasGetattr || s.WritesGlobals != m.WritesGlobals || s.Docstring != m.Docstring {
			fail("__getattr__ %v, globals() %v, docstring %q; the model's %v %v %q", s.HasGetattr, s.WritesGlobals, s.Docstring, m.HasGetattr, m.WritesGlobals, m.Docstring)
		}
		for _, mk := range TextMarkers {
			got, known := s.Spells(mk)
			if want := bytes.Contains(m.Tree.Src, []byte(mk)); !known || got != want {
				fail("spells %q: %v (known %v), the text: %v", mk, got, known, want)
			}
		}
		if len(s.Classes) != len(m.Classes) {
			fail("%d classes, the model has %d", len(s.Classes), len(m.Classes))
		} else {
			for i, c := range m.Classes {
				if !sameClass(c, &s.Classes[i]) {
					fail("class %s differs from the model's", c.Name)
				}
			}
		}
	})
	t.Logf("%d modules, %d module-level names", modules, names)
}

// checkSummaryBinding compares one binding of the model with its summary.
func checkSummaryBinding(t *testing.T, path string, m *Module, s *Summary, b *Binding, sb *SummaryBinding) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: %s at %v: %s", path, b.Name, b.Span, fmt.Sprintf(format, args...))
	}
	if sb.Kind != b.Kind || sb.Span != b.Span {
		fail("kind %v span %v, the model's %v %v", sb.Kind, sb.Span, b.Kind, b.Span)
	}
	if b.Kind == BindImport && b.Import != nil {
		if sb.Import < 0 || sb.ImportName < 0 {
			fail("no import statement")
			return
		}
		imp := &s.Imports[sb.Import]
		if got, want := summaryImportString(imp), importString(b.Import); got != want {
			fail("import %q, the model's %q", got, want)
		}
		in := imp.Names[sb.ImportName]
		alias := ""
		if b.ImportName.Alias != nil {
			alias = b.ImportName.Alias.Name
		}
		if !reflect.DeepEqual(in.Path, segmentStrings(b.ImportName.Path)) || in.Alias != alias {
			fail("imported name %v as %q, the model's %v as %q", in.Path, in.Alias, segmentStrings(b.ImportName.Path), alias)
		}
	} else if sb.Import >= 0 {
		fail("an import statement for a %v binding", b.Kind)
	}
	if b.Kind == BindDef {
		f := m.FunctionAt(b.Def)
		if f == nil || sb.Function == nil {
			if (f == nil) != (sb.Function == nil) {
				fail("function %v, the model's %v", sb.Function, f)
			}
			return
		}
		if !sameFunction(f, sb.Function) || !sameFunctionTree(m.Tree, f, sb.Function) {
			fail("function %+v differs from the model's", sb.Function)
		}
	}
}

func sameFunction(f *Function, sf *SummaryFunction) bool {
	if sf.Async != f.Async || sf.Generator != f.Generator || sf.IsCoroutineFunction() != f.IsCoroutineFunction() ||
		sf.Docstring != f.Docstring || !reflect.DeepEqual(sf.Params, append([]string(nil), f.Params...)) || len(sf.Decorators) != len(f.Decorators) {
		return false
	}
	for i, d := range f.Decorators {
		if sf.Decorators[i] != d.Dotted {
			return false
		}
	}
	return true
}

// sameFunctionTree compares what the summary reads from the tree: the callee of each
// call decorator, and whether there is a return annotation.
func sameFunctionTree(t *syntax.Tree, f *Function, sf *SummaryFunction) bool {
	if len(sf.DecoratorCalls) != len(f.Decorators) {
		return false
	}
	for i, d := range f.Decorators {
		want := ""
		if d.Dotted == "" && t.Type(d.Node) == "call" {
			want = DottedName(t, t.ChildByField(d.Node, "function"))
		}
		if sf.DecoratorCalls[i] != want {
			return false
		}
	}
	return sf.Returns == (t.ChildByField(f.Node, "return_type") != syntax.NoNode)
}

func sameClass(c *Class, sc *SummaryClass) bool {
	if sc.Name != c.Name || sc.NameSpan != c.NameSpan || sc.Docstring != c.Docstring || len(sc.Bases) != len(c.Bases) || len(sc.Members) != len(c.Members) {
		return false
	}
	for i, b := range c.Bases {
		if sc.Bases[i] != b.Dotted {
			return false
		}
	}
	for n, spans := range c.Members {
		if !reflect.DeepEqual(sc.Members[n], spans) {
			return false
		}
	}
	if c.Scope == nil {
		return sc.Methods == nil
	}
	methods := 0
	for name, bs := range c.Scope.Bindings.All() {
		var last *Function
		for _, b := range bs {
			if b.Kind == BindDef {
				last = nil
				for _, f := range c.Scope.Children {
					if f.Function != nil && f.Function.Node == b.Def {
						last = f.Function
					}
				}
			}
		}
		if last == nil {
			continue
		}
		methods++
		if sf := sc.Methods[name]; sf == nil || !sameFunction(last, sf) {
			return false
		}
	}
	return methods == len(sc.Methods)
}

func importString(imp *Import) string {
	var b strings.Builder
	fmt.Fprintf(&b, "from=%v dots=%d module=%v star=%v future=%v span=%v names=", imp.From, imp.Dots, segmentStrings(imp.Module), imp.Star, imp.Future, imp.Span)
	for _, in := range imp.Names {
		alias := ""
		if in.Alias != nil {
			alias = in.Alias.Name
		}
		fmt.Fprintf(&b, "%v/%s,", segmentStrings(in.Path), alias)
	}
	return b.String()
}

func summaryImportString(imp *SummaryImport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "from=%v dots=%d module=%v star=%v future=%v span=%v names=", imp.From, imp.Dots, imp.Module, imp.Star, imp.Future, imp.Span)
	for _, in := range imp.Names {
		fmt.Fprintf(&b, "%v/%s,", in.Path, in.Alias)
	}
	return b.String()
}

// TestDecodeSummaryDamaged checks that every truncation and many single-byte changes
// of an encoded summary read as an error or as a whole summary, never a panic.
func TestDecodeSummaryDamaged(t *testing.T) {
	src := []byte("'''doc'''\nimport os, a.b as c\nfrom .x import *\nfrom y import (z as w)\n__all__ = ['f', 'C']\n" +
		"async def f(p, q):\n    '''f doc'''\n    await p\n@dataclass\nclass C(B, m.D):\n    x: int = 1\n    async def g(self): self.y = 2\n" +
		"def __getattr__(name): return globals()[name]\nsys.modules[__name__] = 1\n")
	tree, err := syntax.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	s := Summarize(Build(tree))
	data := EncodeSummary(s)
	if back, err := DecodeSummary(data); err != nil || !reflect.DeepEqual(back, s) {
		t.Fatalf("round trip: %v", err)
	}
	for n := 0; n < len(data); n++ {
		if _, err := DecodeSummary(data[:n]); err == nil {
			t.Errorf("a summary cut at %d of %d bytes decodes", n, len(data))
		}
	}
	if _, err := DecodeSummary(append(append([]byte(nil), data...), 0)); err == nil {
		t.Error("a summary with a byte too many decodes")
	}
	for i := range data {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			bad := append([]byte(nil), data...)
			bad[i] ^= x
			_, _ = DecodeSummary(bad) // must not panic
		}
	}
	other := append([]byte(nil), data...)
	other[0] = SummaryFormat + 1
	if _, err := DecodeSummary(other); err == nil {
		t.Error("a summary of another format decodes")
	}
}
