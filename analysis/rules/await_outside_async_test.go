package rules

import (
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
)

func TestAwaitOutsideAsyncFixtures(t *testing.T) {
	res := checkAgainstCPython(t, "await-outside-async", "SyntaxError")
	// the message is CPython's own
	g := readAsyncioGolden(t)
	for name, r := range res {
		key := "await-outside-async/" + name
		for file, diags := range r.Diags {
			m := r.Modules[file]
			for _, d := range diags {
				line := int(m.Lines.Position(d.Span.Start, analysis.UTF8).Line) + 1
				found := false
				for _, o := range g.outcomes[key][line] {
					if strings.HasPrefix(d.Message, o+": ") {
						found = true
					}
				}
				if !found {
					t.Errorf("%s:%d: message %q does not start with CPython's %q", key, line, d.Message, g.outcomes[key][line])
				}
			}
		}
	}
}

func TestAwaitOutsideAsyncNotebook(t *testing.T) {
	src := "import asyncio\nawait asyncio.sleep(0)\nasync with asyncio.Lock():\n    pass\n[x async for x in y]\ndef f():\n    await g()\n"
	on := analysis.DefaultConfig()
	off := analysis.DefaultConfig()
	off.TopLevelAwait = false
	tests := []struct {
		name     string
		path     string
		src      string
		cfg      analysis.Config
		notebook bool
		want     int
	}{
		{"plain file", "/w/a.py", src, on, false, 4},
		{"notebook cell", "", src, on, true, 1},
		{"ipynb", "/w/a.ipynb", src, on, false, 1},
		{"cell markers", "/w/a.py", "# %%\n" + src, on, false, 1},
		{"cell markers, setting off", "/w/a.py", "# %%\n" + src, off, false, 4},
		{"notebook cell, setting off", "", src, off, true, 4},
		{"markers must start a line", "/w/a.py", "x = 1  # %%\n" + src, on, false, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			diags := checkSource(t, "await-outside-async", tc.path, tc.src, tc.cfg, tc.notebook)
			if len(diags) != tc.want {
				t.Errorf("%d findings, want %d: %+v", len(diags), tc.want, diags)
			}
		})
	}
}

// TestAwaitOutsideAsyncSpans: a finding on a statement spans its leading keywords.
func TestAwaitOutsideAsyncSpans(t *testing.T) {
	for src, want := range map[string]string{
		"def f(xs):\n    async for x in xs:\n        pass\n": "async for",
		"def f(cm):\n    async with cm:\n        pass\n":     "async with",
		"async def g():\n    yield from [1]\n":               "yield from",
		"def f(c):\n    return await c\n":                    "await",
	} {
		diags := checkSource(t, "await-outside-async", "/w/a.py", src, analysis.DefaultConfig(), false)
		if len(diags) != 1 || src[diags[0].Span.Start:diags[0].Span.End] != want {
			t.Errorf("%q: %+v, want one finding on %q", src, diags, want)
		}
	}
}

func TestContainsAround(t *testing.T) {
	cases := []struct {
		src, word string
		rare      int
		want      bool
	}{
		{"x = await f()", "await", 1, true},
		{"await", "await", 1, true},
		{"wait await", "await", 1, true},
		{"awai t", "await", 1, false},
		{"w", "await", 1, false},
		{"", "await", 1, false},
		{"awaiting", "await", 1, true}, // a prefilter: words inside identifiers count
		{"async def f(): pass", "async", 2, true},
		{"sync y asyn c asy", "async", 2, false},
		{"yasync", "async", 2, true},
		{"asyncy", "async", 2, true},
		{"y", "async", 2, false},
	}
	for _, tc := range cases {
		if got := containsAround([]byte(tc.src), tc.word, tc.rare); got != tc.want {
			t.Errorf("containsAround(%q, %q) = %v, want %v", tc.src, tc.word, got, tc.want)
		}
		if want := strings.Contains(tc.src, tc.word); want != tc.want {
			t.Errorf("case %q: strings.Contains says %v", tc.src, want)
		}
	}
}
