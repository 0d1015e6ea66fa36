package server

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/hover"
	"github.com/pyward/pyward/analysis/syntax"
)

// hoverResult is the part of a Hover reply the tests read.
type hoverResult struct {
	Contents struct {
		Kind  string `json:"kind"`
		Value string `json:"value"`
	} `json:"contents"`
	Range *struct {
		Start struct{ Line, Character uint32 } `json:"start"`
		End   struct{ Line, Character uint32 } `json:"end"`
	} `json:"range"`
}

// hoverSrc has a non-BMP character before the hovered names, so UTF-16 and
// UTF-8 columns differ from byte columns.
const hoverSrc = "class Box:\n" +
	"    def __len__(self):\n" +
	"        \"\"\"How many things are in the box.\"\"\"\n" +
	"        return 0\n" +
	"s = \"😀\"; n = len(Box()) + Box().__len__()\n"

func (c *testClient) hover(uri string, line, char int) *hoverResult {
	c.t.Helper()
	var raw json.RawMessage
	err := c.call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"position":     map[string]any{"line": line, "character": char},
	}, &raw)
	if err != nil {
		c.t.Fatalf("hover %d:%d: %v", line, char, err)
	}
	if string(raw) == "null" || len(raw) == 0 {
		return nil
	}
	var h hoverResult
	if err := json.Unmarshal(raw, &h); err != nil {
		c.t.Fatalf("hover reply %s: %v", raw, err)
	}
	return &h
}

func TestHoverContentFormat(t *testing.T) {
	cases := []struct {
		name     string
		caps     map[string]any
		wantKind string
	}{
		{"no preference is Markdown", map[string]any{}, "markdown"},
		{"markdown first", map[string]any{"textDocument": map[string]any{"hover": map[string]any{"contentFormat": []string{"markdown", "plaintext"}}}}, "markdown"},
		{"plaintext only", map[string]any{"textDocument": map[string]any{"hover": map[string]any{"contentFormat": []string{"plaintext"}}}}, "plaintext"},
		{"plaintext first", map[string]any{"textDocument": map[string]any{"hover": map[string]any{"contentFormat": []string{"plaintext", "markdown"}}}}, "plaintext"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestClient(t, Options{})
			c.initialize(map[string]any{"capabilities": tc.caps})
			uri := "file:///tmp/pyward-test/box.py"
			c.open(uri, hoverSrc)
			c.waitDiagnostics(uri, 1)

			h := c.hover(uri, 1, 10) // def __l|en__
			if h == nil {
				t.Fatal("no hover at def __len__")
			}
			if h.Contents.Kind != tc.wantKind {
				t.Fatalf("kind %q, want %q", h.Contents.Kind, tc.wantKind)
			}
			v := h.Contents.Value
			if !strings.Contains(v, "def __len__(self) -> int") || !strings.Contains(v, "How many things are in the box.") {
				t.Errorf("hover lacks the signature or the docstring:\n%s", v)
			}
			md := strings.Contains(v, "```python") && strings.Contains(v, "](https://docs.python.org/")
			if md != (tc.wantKind == "markdown") {
				t.Errorf("kind %s but Markdown syntax present = %v:\n%s", tc.wantKind, md, v)
			}
			if h.Range == nil || h.Range.Start.Line != 1 || h.Range.Start.Character != 8 || h.Range.End.Character != 15 {
				t.Errorf("range %+v, want 1:8-1:15", h.Range)
			}
		})
	}
}

func TestHoverSitesOverLSP(t *testing.T) {
	for _, enc := range []string{"utf-16", "utf-8"} {
		t.Run(enc, func(t *testing.T) {
			c := newTestClient(t, Options{})
			c.initialize(map[string]any{"capabilities": map[string]any{
				"general": map[string]any{"positionEncodings": []string{enc}},
			}})
			uri := "file:///tmp/pyward-test/box.py"
			c.open(uri, hoverSrc)
			c.waitDiagnostics(uri, 1)
			line := "s = \"😀\"; n = len(Box()) + Box().__len__()"
			col := func(sub string, delta int) int {
				i := strings.Index(line, sub) + delta
				if enc == "utf-8" {
					return i
				}
				return i - 2 // the emoji: 4 bytes, 2 UTF-16 units
			}
			cases := []struct {
				what, sub string
				delta     int
				want      string
				spanLen   int
			}{
				{"builtin", "len(", 1, "len(obj, /) -> int", 3},
				{"class call", "Box()", 1, "class Box()", 3},
				{"operator", "+ B", 0, "x.__add__(y)", 1},
				{"attribute", "__len__()", 3, "How many things are in the box.", 7},
			}
			for _, k := range cases {
				ch := col(k.sub, k.delta)
				h := c.hover(uri, 4, ch)
				if h == nil {
					t.Errorf("%s: no hover at 4:%d", k.what, ch)
					continue
				}
				if !strings.Contains(h.Contents.Value, k.want) {
					t.Errorf("%s: hover lacks %q:\n%s", k.what, k.want, h.Contents.Value)
				}
				start := col(k.sub, 0)
				if h.Range == nil || int(h.Range.Start.Character) != start || int(h.Range.End.Character) != start+k.spanLen {
					t.Errorf("%s: range %+v, want 4:%d-4:%d", k.what, h.Range, start, start+k.spanLen)
				}
			}
			// Nothing on a plain name or inside a string.
			if h := c.hover(uri, 4, 0); h != nil {
				t.Errorf("hover on a plain name: %q", h.Contents.Value)
			}
			if h := c.hover(uri, 2, 20); h != nil {
				t.Errorf("hover in a docstring: %q", h.Contents.Value)
			}
		})
	}
}

// stdlibSource returns the source of a module of python3's standard library. Without
// it, it fails under CI=true (CI installs python3) and skips elsewhere.
func stdlibSource(tb testing.TB, name string) (string, []byte) {
	tb.Helper()
	missing := tb.Skipf
	if os.Getenv("CI") == "true" {
		missing = tb.Fatalf
	}
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		missing("python3 not available: %v", err)
		return "", nil
	}
	path := filepath.Join(strings.TrimSpace(string(out)), name)
	src, err := os.ReadFile(path)
	if err != nil {
		missing("no %s: %v", name, err)
	}
	return path, src
}

// hoverPositions returns the positions in src where a hover says something
// about the data model: every dunder name, operator token and call.
func hoverPositions(tb testing.TB, src []byte) []analysis.Position {
	tb.Helper()
	tree, err := syntax.Parse(src)
	if err != nil {
		tb.Fatal(err)
	}
	m := analysis.Build(tree)
	f := &analysis.File{Path: "x.py", Module: m}
	var out []analysis.Position
	for i := range tree.Nodes {
		nd := tree.Nodes[i]
		if tree.FirstChild(syntax.NodeID(i)) != syntax.NoNode || nd.End == nd.Start {
			continue // leaves only
		}
		if _, ok := hover.Dunder(nil, f, nd.Start); ok {
			out = append(out, m.Lines.Position(nd.Start, analysis.UTF16))
		}
	}
	return out
}

// BenchmarkHoverLSP measures hover requests end to end through a warm
// in-process server (JSON-RPC over a pipe, decoding, the handler, encoding) on
// every position of _pydecimal.py where hover.Dunder answers, and reports the
// 50th and 99th percentile latency.
func BenchmarkHoverLSP(b *testing.B) {
	path, src := stdlibSource(b, "_pydecimal.py")
	positions := hoverPositions(b, src)
	if len(positions) == 0 {
		b.Fatal("no hover positions")
	}
	serverSide, clientSide := net.Pipe()
	go func() { _ = New(Options{Logger: zap.NewNop(), PythonPath: "-"}).Run(context.Background(), serverSide) }()
	conn := jsonrpc2.NewConn(newStream(clientSide, zap.NewNop()))
	conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == "workspace/configuration" {
			return reply(ctx, []any{nil}, nil)
		}
		return reply(ctx, nil, nil)
	})
	defer conn.Close()
	ctx := context.Background()
	call := func(method string, params, result any) {
		if _, err := conn.Call(ctx, method, params, result); err != nil {
			b.Fatalf("%s: %v", method, err)
		}
	}
	var init json.RawMessage
	call("initialize", map[string]any{"capabilities": map[string]any{}}, &init)
	_ = conn.Notify(ctx, "initialized", map[string]any{})
	uri := "file://" + path
	_ = conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "python", "version": 1, "text": string(src),
	}})
	hover := func(p analysis.Position) bool {
		var raw json.RawMessage
		call("textDocument/hover", map[string]any{
			"textDocument": map[string]any{"uri": uri},
			"position":     map[string]any{"line": p.Line, "character": p.Character},
		}, &raw)
		return string(raw) != "null"
	}
	// Warm up: the document is open and every position answers.
	for _, p := range positions {
		if !hover(p) {
			b.Fatalf("no hover at %d:%d", p.Line, p.Character)
		}
	}
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		hover(positions[i%len(positions)])
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(len(positions)), "positions")
}
