package analysis_test

import (
	"context"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/pyward/pyward/analysis"
	_ "github.com/pyward/pyward/analysis/rules" // every rule runs
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

var pySeeds = []string{
	"",
	"x = 1\n",
	"from . import m\nfrom .m import *\nfrom ..pkg.mod import (a as b, _c)\nimport os.path as p\n",
	"class C(B, metaclass=M):\n    __slots__ = ('__x',)\n    def __init__(self):\n        self.__x = 1\n        self._y = __helper\n    def __eq__(self, o): return o.__x\n",
	"async def f():\n    await g()\n    async with x as y:\n        async for z in y: pass\nasync def g(): pass\nf()\nif g(): pass\n_ = g()\nasyncio.run(f)\nasyncio.create_task(g())\n",
	"def f(:\n  print 'x'\n  exec 'y'\n",
	"__all__ = ['a', *b]\ndef __getattr__(name): pass\nglobals()['x'] = 1\n",
	"x = lambda a, /, b=1, *c, d, **e: [i for i in a if (j := i)]\n",
	"s = f'{x!r:>{w}}'\nmatch p:\n    case [1, *r] | {'k': _} if r: pass\ntype T[U] = list[U]\n",
	"try:\n    pass\nexcept* (A, B) as e:\n    raise\n",
	"x = '😀'  # pyward: ignore[syntax-error]\ny = obj._private  # noqa: SLF001\n",
	"\xef\xbb\xbfdef \xff\xfe(\x00):\r\tpass\r\n",
	"((((((((((((((((((((((((((((((((((((((((((((((((((x",
	"@d\n@e.f(1)\nclass _K(__Base):\n    def __m(self): return super().__m()\n",
}

// runBounded runs fn and fails the test when it takes longer than limit: analysis of
// any input must end.
func runBounded(t *testing.T, limit time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("%s did not finish in %v", what, limit)
	}
}

// checkDiagnostics checks that every finding and fix lies inside the text.
func checkDiagnostics(t *testing.T, src []byte, m *analysis.Module, diags []analysis.Diagnostic) {
	t.Helper()
	n := uint32(len(src))
	for _, d := range diags {
		if d.Span.Start > d.Span.End || d.Span.End > n {
			t.Fatalf("finding %s %q has span %v outside %d bytes", d.Rule, d.Message, d.Span, n)
		}
		if d.Rule == "" || d.Message == "" {
			t.Fatalf("finding without a rule or message: %+v", d)
		}
		for _, f := range d.Fixes {
			for _, e := range f.Edits {
				if e.Span.Start > e.Span.End || e.Span.End > n {
					t.Fatalf("fix %q of %s edits %v outside %d bytes", f.Title, d.Rule, e.Span, n)
				}
			}
		}
		r := m.Lines.Range(d.Span, analysis.UTF16)
		if back := m.Lines.Span(r, analysis.UTF16); back.Start > d.Span.Start || back.End > d.Span.End {
			t.Fatalf("span %v -> range %v -> span %v moved forward", d.Span, r, back)
		}
	}
}

// FuzzAnalyze analyses arbitrary bytes as Python: parse, build the module model and run
// every rule, alone (nil index) and inside a workspace where the same text is a
// package's __init__, a module, and a module that star-imports it. Nothing may panic
// (a rule's panic is caught by the Checker and reported here), hang, or report a
// finding outside the text.
func FuzzAnalyze(f *testing.F) {
	for _, s := range pySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		var panics []string
		var panicMu sync.Mutex // rules of different groups run in parallel
		checker := analysis.Checker{OnPanic: func(rule string, p any) { panicMu.Lock(); panics = append(panics, rule); panicMu.Unlock() }}
		runBounded(t, 20*time.Second, "analysis", func() {
			tree, err := syntax.Parse(src)
			if err != nil {
				t.Errorf("parse: %v", err)
				return
			}
			m := analysis.Build(tree)
			if m == nil || m.Lines == nil {
				t.Errorf("Build returned no module")
				return
			}
			ctx := context.Background()
			cfg := analysis.DefaultConfig()
			for _, file := range []*analysis.File{
				{Path: "/ws/pkg/mod.py", Module: m},
				{Path: "", Module: m, Notebook: true},
				{Path: "/ws/pkg/mod.pyi", Module: m},
				{Path: "/ws/tests/test_mod.py", Module: m},
			} {
				checkDiagnostics(t, src, m, checker.Check(ctx, file, nil, cfg))
			}

			fsys := pathing.NewMemFS(pathing.Posix)
			other := append([]byte("from .mod import *\nfrom . import mod, _x\nfrom .mod import _y\nimport pkg.mod\n"), src...)
			for path, text := range map[string][]byte{
				"/ws/pkg/__init__.py": src, "/ws/pkg/mod.py": src, "/ws/pkg/other.py": other, "/ws/pkg/sub/__init__.py": src,
			} {
				if err := fsys.WriteFile(path, text); err != nil {
					t.Errorf("memfs: %v", err)
					return
				}
			}
			ix := analysis.NewIndex(fsys, pathing.Posix)
			ix.SetRoots([]string{"/ws"})
			otherTree, err := syntax.Parse(other)
			if err != nil {
				t.Errorf("parse: %v", err)
				return
			}
			om := analysis.Build(otherTree)
			checkDiagnostics(t, other, om, checker.Check(ctx, &analysis.File{Path: "/ws/pkg/other.py", Module: om}, ix, cfg))
			checkDiagnostics(t, src, m, checker.Check(ctx, &analysis.File{Path: "/ws/pkg/mod.py", Module: m}, ix, cfg))
			checkDiagnostics(t, src, m, checker.Check(ctx, &analysis.File{Path: "/ws/pkg/sub/__init__.py", Module: m}, ix, cfg))
		})
		if len(panics) > 0 {
			t.Fatalf("rules panicked: %v", panics)
		}
	})
}

// FuzzLineIndex: byte offsets and LSP positions round-trip in every encoding, for any
// text (CRLF, lone CR, invalid UTF-8 included), and positions out of range clamp.
func FuzzLineIndex(f *testing.F) {
	for _, s := range pySeeds {
		f.Add([]byte(s), uint32(3), uint32(7))
	}
	f.Add([]byte("a😀b\r\nc中\u0301\rd\n"), uint32(0), uint32(2))
	f.Fuzz(func(t *testing.T, src []byte, line, char uint32) {
		li := analysis.NewLineIndex(src)
		n := uint32(len(src))
		for _, enc := range []analysis.Encoding{analysis.UTF16, analysis.UTF8, analysis.UTF32} {
			// Every character boundary inside a line round-trips.
			for l := 0; l < li.LineCount(); l++ {
				start := li.LineStart(l)
				text := li.LineText(l)
				for i := 0; i <= len(text); {
					off := start + uint32(i)
					p := li.Position(off, enc)
					if p.Line != uint32(l) {
						t.Fatalf("enc %d: offset %d on line %d maps to line %d", enc, off, l, p.Line)
					}
					if back := li.Offset(p, enc); back != off {
						t.Fatalf("enc %d: offset %d -> %+v -> %d in %q", enc, off, p, back, src)
					}
					if i == len(text) {
						break
					}
					_, size := utf8.DecodeRune(text[i:])
					i += size
				}
			}
			// Any position clamps to an offset inside the text, on a boundary that round-trips.
			off := li.Offset(analysis.Position{Line: line % 64, Character: char % 256}, enc)
			if off > n {
				t.Fatalf("Offset(%d:%d) = %d past %d bytes", line, char, off, n)
			}
			if back := li.Offset(li.Position(off, enc), enc); back != off {
				t.Fatalf("enc %d: clamped offset %d does not round-trip (%d)", enc, off, back)
			}
			if p := li.Position(n+10, enc); li.Offset(p, enc) != n {
				t.Fatalf("enc %d: position past the end does not clamp to the end", enc)
			}
		}
	})
}
