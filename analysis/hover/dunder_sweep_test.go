package hover

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/dunder"
	"github.com/pyward/pyward/analysis/syntax"
)

// TestDunderHoverEveryBuiltin hovers a call of every function the catalogue
// knows, importing the module for the dotted ones.
func TestDunderHoverEveryBuiltin(t *testing.T) {
	for _, b := range dunder.Builtins() {
		src := b.Name[:1] + dhCursor + b.Name[1:] + "(x)\n"
		if i := strings.LastIndex(b.Name, "."); i >= 0 {
			src = "import " + b.Name[:i] + "\n" + b.Name + dhCursor + "(x)\n"
		}
		t.Run(b.Name, func(t *testing.T) {
			dhCheck(t, nil, "mod.py", dhCase{src: src, builtin: b.Name})
		})
	}
}

// TestDunderHoverEveryCatalogueName hovers `def name` in a class and
// `obj.name` for every name of the catalogue.
func TestDunderHoverEveryCatalogueName(t *testing.T) {
	ident := regexp.MustCompile(`^__\w+__$`)
	for _, e := range dunder.All() {
		if !ident.MatchString(e.Name) {
			t.Fatalf("catalogue name %q is not an identifier", e.Name)
		}
		if e.Kind == dunder.ModuleHook {
			dhCheck(t, nil, "mod.py", dhCase{src: "def " + dhCursor + e.Name + "(name):\n    pass\n", module: e.Name})
			continue
		}
		dhCheck(t, nil, "mod.py", dhCase{src: "class A:\n    def " + dhCursor + e.Name + "(self):\n        pass\n", entry: e.Name})
		dhCheck(t, nil, "mod.py", dhCase{src: "obj." + e.Name + dhCursor + "\n", entry: e.Name, span: e.Name})
	}
}

// dhStdlibFile reads a module of python3's standard library, or skips.
func dhStdlibFile(tb testing.TB, name string) []byte {
	tb.Helper()
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		tb.Skipf("python3 not available: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), name))
	if err != nil {
		tb.Skipf("no %s in the standard library: %v", name, err)
	}
	return src
}

// BenchmarkDunderHover hovers, in turn, every leaf token of _pydecimal.py
// (about 8,000 lines) where Dunder answers: dunder defs and attributes,
// operators, builtins, class calls. It reports ns/op and the 99th percentile.
func BenchmarkDunderHover(b *testing.B) {
	src := dhStdlibFile(b, "_pydecimal.py")
	tree, err := syntax.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	f := &analysis.File{Path: "_pydecimal.py", Module: analysis.Build(tree)}
	var offsets []uint32
	for i := range tree.Nodes {
		nd := tree.Nodes[i]
		if tree.FirstChild(syntax.NodeID(i)) != syntax.NoNode || nd.End == nd.Start {
			continue
		}
		if _, ok := Dunder(nil, f, nd.Start); ok {
			offsets = append(offsets, nd.Start)
		}
	}
	if len(offsets) < 1000 {
		b.Fatalf("only %d hover positions in _pydecimal.py", len(offsets))
	}
	durations := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, ok := Dunder(nil, f, offsets[i%len(offsets)]); !ok {
			b.Fatal("no hover")
		}
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	b.ReportMetric(float64(durations[len(durations)*99/100].Nanoseconds()), "p99-ns")
	b.ReportMetric(float64(len(offsets)), "positions")
}

// dhCheckEveryLeaf hovers at the start of every leaf token of src and checks
// that each answer is well formed: both renderings present, the span inside
// the text and covering the cursor (or ending just before it: a cursor right
// after a word names the word).
func dhCheckEveryLeaf(t testing.TB, ix *analysis.Index, path string, src []byte) int {
	tree, err := syntax.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	f := &analysis.File{Path: path, Module: analysis.Build(tree)}
	answers := 0
	for i := range tree.Nodes {
		nd := tree.Nodes[i]
		if tree.FirstChild(syntax.NodeID(i)) != syntax.NoNode {
			continue
		}
		for _, off := range []uint32{nd.Start, nd.End} {
			h, ok := Dunder(ix, f, off)
			if !ok {
				continue
			}
			answers++
			if h.Markdown == "" || h.Plain == "" {
				t.Fatalf("%s:%d: empty hover", path, off)
			}
			if h.Span.Start >= h.Span.End || int(h.Span.End) > len(src) || off < h.Span.Start || off > h.Span.End {
				t.Fatalf("%s:%d: span %v does not cover the cursor", path, off, h.Span)
			}
		}
	}
	return answers
}

// TestDunderHoverStdlibFiles hovers every token of a few large standard
// library modules.
func TestDunderHoverStdlibFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, name := range []string{"_pydecimal.py", "dataclasses.py", "typing.py"} {
		src := dhStdlibFile(t, name)
		if n := dhCheckEveryLeaf(t, nil, name, src); n < 100 {
			t.Errorf("%s: only %d hovers", name, n)
		}
	}
}

// FuzzDunderHover hovers every token of arbitrary (often broken) sources.
func FuzzDunderHover(f *testing.F) {
	for _, s := range []string{
		"class A:\n    def __init__(self, x=1, *a, **k):\n        super().__init__(x)\n",
		"x[1] += -y ** 2 @ z if a not in b and not c is not d else e\n",
		"from dataclasses import dataclass\n@dataclass\nclass P:\n    x: int\nP(1)\n",
		"def f(:\n    __len__(\n",
		"async def f():\n    async with a as b:\n        await c[\n",
		"class C(C):\n    pass\nC()\n",
		"class A(B):\n    pass\nclass B(A):\n    pass\nA()\n",
		"class A(B, B, B):\n    pass\nclass B(A, A, A):\n    pass\nA()\nB.__init__\n",
		"len = len\nlen(x)\n",
		"\"\"\"\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		dhCheckEveryLeaf(t, nil, "fuzz.py", []byte(src))
	})
}
