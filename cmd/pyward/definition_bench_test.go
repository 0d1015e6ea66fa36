package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/pyward/pyward/pathing"
)

// relativeImport finds `from .x.y import a, b` lines: the sites are each name after
// the dots and each imported name.
var relativeImport = regexp.MustCompile(`(?m)^[ \t]*from (\.+)([\w.]*) import ([\w, ]+)$`)

type defSite struct {
	line, col int
}

func relativeSites(src []byte) []defSite {
	var out []defSite
	for _, m := range relativeImport.FindAllSubmatchIndex(src, -1) {
		lineStart := bytes.LastIndexByte(src[:m[0]], '\n') + 1
		line := bytes.Count(src[:m[0]], []byte("\n"))
		for _, g := range [][2]int{{m[4], m[5]}, {m[6], m[7]}} {
			for i := g[0]; i < g[1]; {
				for i < g[1] && !isWord(src[i]) {
					i++
				}
				if i < g[1] {
					out = append(out, defSite{line, i - lineStart})
				}
				for i < g[1] && isWord(src[i]) {
					i++
				}
			}
		}
	}
	return out
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// BenchmarkDefinitionAsyncio: the asyncio package as the workspace; each file is
// opened and definition asked at each relative-import site twice: right after didOpen
// (before its diagnostics), then warm (after them). It reports the percentiles of both:
//
//	go test ./cmd/pyward -run '^$' -bench DefinitionAsyncio -benchtime 1x
func BenchmarkDefinitionAsyncio(b *testing.B) {
	root := filepath.Join(stdlib(b), "asyncio")
	files, _ := filepath.Glob(filepath.Join(root, "*.py"))
	sort.Strings(files)
	for i := 0; i < b.N; i++ {
		c := inProcess(b, root)
		var open, warm []time.Duration
		ctx := context.Background()
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sites := relativeSites(src)
			uri := pathing.PathToURI(f)
			seq := c.Seq()
			if err := c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
				"uri": uri, "languageId": "python", "version": 1, "text": string(src)}}); err != nil {
				b.Fatal(err)
			}
			ask := func(s defSite) time.Duration {
				start := time.Now()
				if _, err := c.CallRaw(ctx, "textDocument/definition", map[string]any{
					"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": s.line, "character": s.col},
				}); err != nil {
					b.Fatal(err)
				}
				return time.Since(start)
			}
			if len(sites) > 0 {
				open = append(open, ask(sites[0]))
			}
			wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
			if _, err := c.WaitDiagnostics(wctx, uri, seq, 1); err != nil {
				b.Fatal(err)
			}
			cancel()
			for _, s := range sites {
				warm = append(warm, ask(s))
			}
		}
		reportPercentiles(b, warm)
		sort.Slice(open, func(i, j int) bool { return open[i] < open[j] })
		if len(open) > 0 {
			b.ReportMetric(float64(open[len(open)-1])/1e6, "open-max-ms")
			b.ReportMetric(float64(open[len(open)/2])/1e6, "open-p50-ms")
		}
	}
}
