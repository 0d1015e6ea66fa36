package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/pathing"
)

// The soak test plays many random but valid editing sessions against one server:
// files of one package that import each other are opened, edited incrementally
// (UTF-16 ranges, multi-byte text, broken and repaired syntax), saved, closed, changed
// on disk, and asked for hovers, definitions, declarations, completions and code
// actions, some concurrently. Every request must be answered (no internal errors), the
// Go heap must stay flat, and after the storm the diagnostics must equal those of a
// fresh server opening the same final texts.
//
// PYWARD_SOAK=N plays N sessions (default 1000, a few seconds); PYWARD_SOAK_SEED=S changes the seed.

// soakLines are the lines random module texts are made of: imports of the sibling
// modules, async functions and their misuse, private and mangled members, syntax
// errors, multi-byte text.
var soakLines = []string{
	"from . import a\n", "from . import b, c\n", "from .b import g, h\n", "from .c import *\n", "from .d import K\n",
	"import pkg.a\n", "from .. import nothing\n", "from .missing import x\n", "import asyncio\n",
	"async def g():\n    await h()\n", "def h():\n    return 1\n", "g()\n", "if g():\n    pass\n", "_ = g()\n",
	"asyncio.create_task(g())\n", "asyncio.run(g)\n", "await g()\n",
	"class K:\n    def __init__(self):\n        self.__p = 1\n        self._q = 2\n    def __eq__(self, o):\n        return self.__p == o.__p\n",
	"K()._q\n", "K().__p\n", "__helper = 1\nclass L(K):\n    x = __helper\n    def m(self):\n        return self.__p\n",
	"x = 'é😀中文'  # noqa\n", "def f(:\n", "print 'x'\n", "__all__ = ['g', 'h']\n", "    \n", "y = (1,\n",
	"def __len__(self):\n    return 0\n", "z = [i for i in range(3) if (j := i)]\n",
}

var soakModules = []string{"a", "b", "c", "d", "__init__"}

func soakText(rng *rand.Rand) string {
	var b strings.Builder
	for n := 2 + rng.IntN(8); n > 0; n-- {
		b.WriteString(soakLines[rng.IntN(len(soakLines))])
	}
	return b.String()
}

func soakURI(mod string) string { return "file:///soak/pkg/" + mod + ".py" }

func soakFS(rng *rand.Rand) *pathing.MemFS {
	fsys := pathing.NewMemFS(pathing.Posix)
	for _, m := range soakModules {
		_ = fsys.WriteFile("/soak/pkg/"+m+".py", []byte(soakText(rng)))
	}
	return fsys
}

// soakDoc is the client's copy of an open document.
type soakDoc struct {
	text    string
	version int
}

type soaker struct {
	t     *testing.T
	c     *testClient
	rng   *rand.Rand
	fsys  *pathing.MemFS
	docs  map[string]*soakDoc
	calls int
}

// request sends a request and fails on anything but a result or MethodNotFound (a
// feature not built yet is no failure of the engine).
func (s *soaker) request(method string, params any) {
	s.t.Helper()
	s.calls++
	var res any
	err := s.c.call(method, params, &res)
	if err == nil || rpcCode(err) == jsonrpc2.MethodNotFound {
		return
	}
	s.t.Fatalf("%s %v: %v", method, params, err)
}

func (s *soaker) openURIs() []string {
	var out []string
	for u := range s.docs {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

func (s *soaker) randomPosition(d *soakDoc) map[string]any {
	lines := strings.Count(d.text, "\n") + 1
	return map[string]any{"line": s.rng.IntN(lines + 1), "character": s.rng.IntN(40)}
}

func (s *soaker) open(mod string) {
	uri := soakURI(mod)
	text := soakText(s.rng)
	if s.rng.IntN(2) == 0 {
		if b, err := s.fsys.ReadFile("/soak/pkg/" + mod + ".py"); err == nil {
			text = string(b)
		}
	}
	s.docs[uri] = &soakDoc{text: text, version: 1}
	s.c.open(uri, text)
}

// edit sends one didChange with one to three incremental changes (or a full text),
// and applies them to the client's copy with the reference position conversion.
func (s *soaker) edit(uri string) {
	d := s.docs[uri]
	d.version++
	var changes []any
	for n := 1 + s.rng.IntN(3); n > 0; n-- {
		if s.rng.IntN(20) == 0 {
			text := soakText(s.rng)
			changes = append(changes, map[string]any{"text": text})
			d.text = text
			continue
		}
		lines := strings.Count(d.text, "\n") + 1
		l1 := s.rng.IntN(lines + 1)
		c1 := s.rng.IntN(30)
		l2, c2 := l1, c1
		if s.rng.IntN(2) == 0 {
			l2 = l1 + s.rng.IntN(3)
			c2 = s.rng.IntN(30)
		}
		text := ""
		switch s.rng.IntN(4) {
		case 0:
			text = soakLines[s.rng.IntN(len(soakLines))]
		case 1:
			text = []string{"x", "(", ":", ")", "'", "😀", "\n", " ", "é", "中"}[s.rng.IntN(10)]
		case 2:
			text = ""
		case 3:
			text = "\r\n"
		}
		changes = append(changes, map[string]any{"range": rng(l1, c1, l2, c2), "text": text})
		start, end := refOffset([]byte(d.text), uint32(l1), uint32(c1), false), refOffset([]byte(d.text), uint32(l2), uint32(c2), false)
		if end < start {
			start, end = end, start
		}
		d.text = d.text[:start] + text + d.text[end:]
	}
	s.c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": d.version},
		"contentChanges": changes,
	})
}

func (s *soaker) step() {
	uris := s.openURIs()
	if len(uris) == 0 || s.rng.IntN(8) == 0 {
		for _, m := range soakModules {
			if _, ok := s.docs[soakURI(m)]; !ok {
				s.open(m)
				return
			}
		}
	}
	uri := uris[s.rng.IntN(len(uris))]
	d := s.docs[uri]
	td := map[string]any{"uri": uri}
	switch k := s.rng.IntN(20); {
	case k < 8:
		s.edit(uri)
	case k < 10:
		s.request("textDocument/hover", map[string]any{"textDocument": td, "position": s.randomPosition(d)})
	case k < 12:
		s.request("textDocument/definition", map[string]any{"textDocument": td, "position": s.randomPosition(d)})
	case k < 13:
		s.request("textDocument/declaration", map[string]any{"textDocument": td, "position": s.randomPosition(d)})
	case k < 14:
		s.request("textDocument/completion", map[string]any{"textDocument": td, "position": s.randomPosition(d)})
	case k < 15:
		p1, p2 := s.randomPosition(d), s.randomPosition(d)
		s.request("textDocument/codeAction", map[string]any{"textDocument": td,
			"range": map[string]any{"start": p1, "end": p2}, "context": map[string]any{"diagnostics": []any{}}})
	case k < 16:
		// A burst of concurrent requests.
		var wg sync.WaitGroup
		errs := make(chan error, 6)
		for i := 0; i < 6; i++ {
			pos := s.randomPosition(d)
			method := []string{"textDocument/hover", "textDocument/definition"}[i%2]
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				var res any
				if _, err := s.c.conn.Call(ctx, method, map[string]any{"textDocument": td, "position": pos}, &res); err != nil && rpcCode(err) != jsonrpc2.MethodNotFound {
					errs <- fmt.Errorf("%s: %w", method, err)
				}
			}()
		}
		wg.Wait()
		s.calls += 6
		close(errs)
		for err := range errs {
			s.t.Fatalf("concurrent request: %v", err)
		}
	case k < 17:
		s.c.send("textDocument/didSave", map[string]any{"textDocument": td})
	case k < 18:
		// A module changes on disk.
		m := soakModules[s.rng.IntN(len(soakModules))]
		_ = s.fsys.WriteFile("/soak/pkg/"+m+".py", []byte(soakText(s.rng)))
		s.c.send("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": soakURI(m), "type": 2}}})
	default:
		delete(s.docs, uri)
		s.c.send("textDocument/didClose", map[string]any{"textDocument": td})
	}
}

func (s *soaker) closeAll() {
	for _, uri := range s.openURIs() {
		delete(s.docs, uri)
		s.c.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
}

// settle waits until every open document has diagnostics of its last version and no
// diagnostics have arrived for quiet (re-checks of importers come after a delay); it
// returns the last diagnostics of each document, rendered for comparison.
func settle(t *testing.T, c *testClient, docs map[string]*soakDoc, quiet time.Duration) map[string]string {
	t.Helper()
	for uri, d := range docs {
		c.waitDiagnostics(uri, uint32(d.version))
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c.mu.Lock()
		n := 0
		for _, l := range c.diags {
			n += len(l)
		}
		c.mu.Unlock()
		time.Sleep(quiet)
		c.mu.Lock()
		m := 0
		for _, l := range c.diags {
			m += len(l)
		}
		c.mu.Unlock()
		if m == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("diagnostics never settled")
		}
	}
	out := map[string]string{}
	c.mu.Lock()
	defer c.mu.Unlock()
	for uri, d := range docs {
		list := c.diags[protocol.DocumentURI(uri)]
		last := list[len(list)-1]
		if int(last.Version) != d.version {
			t.Fatalf("%s: last diagnostics are of version %d, the document is at %d", uri, last.Version, d.version)
		}
		var lines []string
		for _, dg := range last.Diagnostics {
			lines = append(lines, fmt.Sprintf("%d:%d-%d:%d %v %s", dg.Range.Start.Line, dg.Range.Start.Character, dg.Range.End.Line, dg.Range.End.Character, dg.Code, dg.Message))
		}
		out[uri] = strings.Join(lines, "\n")
	}
	return out
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

func rssKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

func TestSoak(t *testing.T) {
	sessions := 1000
	if v := os.Getenv("PYWARD_SOAK"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("PYWARD_SOAK=%q: want a number of sessions", v)
		}
		sessions = n
	}
	seed := uint64(20261125)
	if v := os.Getenv("PYWARD_SOAK_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	fsys := soakFS(rng)
	c := newTestClient(t, Options{FS: fsys})
	c.initialize(map[string]any{"rootUri": "file:///soak", "capabilities": map[string]any{}})
	s := &soaker{t: t, c: c, rng: rng, fsys: fsys, docs: map[string]*soakDoc{}}

	start := time.Now()
	var baseHeap uint64
	var baseRSS int64
	warm := max(sessions/10, 1)
	for i := 0; i < sessions; i++ {
		for n := 5 + rng.IntN(20); n > 0; n-- {
			s.step()
		}
		if i == sessions-1 {
			break // the last session's documents stay open for the comparison
		}
		s.closeAll()
		if (i+1)%warm == 0 || i == sessions-2 {
			// Let the checks of the closed documents drain, forget what the client kept.
			time.Sleep(150 * time.Millisecond)
			c.mu.Lock()
			c.diags = map[protocol.DocumentURI][]*protocol.PublishDiagnosticsParams{}
			c.mu.Unlock()
			heap, rss := heapInUse(), rssKB()
			t.Logf("after %d sessions: heap in use %.1f MB, RSS %.1f MB", i+1, float64(heap)/(1<<20), float64(rss)/1024)
			if i == warm-1 {
				baseHeap, baseRSS = heap, rss
			} else if i == sessions-2 {
				if limit := baseHeap + baseHeap/2 + 16<<20; heap > limit {
					t.Errorf("heap grew from %.1f MB to %.1f MB over %d sessions: a leak", float64(baseHeap)/(1<<20), float64(heap)/(1<<20), sessions-warm)
				}
				if baseRSS > 0 && rss > baseRSS*2+64*1024 {
					t.Errorf("RSS grew from %.1f MB to %.1f MB (C memory of trees?)", float64(baseRSS)/1024, float64(rss)/1024)
				}
			}
		}
	}
	// Make sure every module is open at the end, so the comparison covers them all.
	for _, m := range soakModules {
		if _, ok := s.docs[soakURI(m)]; !ok {
			s.open(m)
		}
	}
	got := settle(t, c, s.docs, 400*time.Millisecond)
	t.Logf("%d sessions, %d requests in %v (seed %d)", sessions, s.calls, time.Since(start).Round(time.Millisecond), seed)

	// A fresh server, the same disk, the same final texts.
	fresh := newTestClient(t, Options{FS: fsys})
	fresh.initialize(map[string]any{"rootUri": "file:///soak", "capabilities": map[string]any{}})
	final := map[string]*soakDoc{}
	for _, uri := range s.openURIs() {
		final[uri] = &soakDoc{text: s.docs[uri].text, version: 1}
		fresh.open(uri, s.docs[uri].text)
	}
	want := settle(t, fresh, final, 400*time.Millisecond)
	for _, uri := range s.openURIs() {
		if got[uri] != want[uri] {
			t.Errorf("%s: after the storm the diagnostics are\n%s\nbut a fresh server on the same text gives\n%s\ntext:\n%s", uri, got[uri], want[uri], s.docs[uri].text)
		}
	}
}
