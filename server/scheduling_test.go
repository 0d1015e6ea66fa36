package server

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"
	"go.uber.org/zap/zaptest/observer"

	"github.com/pyward/pyward/pathing"
)

// gatedPython is a fake interpreter whose compile helper (the syntax oracle's process)
// holds every verdict until the test opens a gate (or releases that one verdict), and
// records each request and each answer in files: a check that asks it is then known to
// be running, and stays running until the test says so. Its sys.path is empty.
type gatedPython struct {
	t      *testing.T
	dir    string
	python string
}

func newGatedPython(t *testing.T) *gatedPython {
	t.Helper()
	dir := t.TempDir()
	g := &gatedPython{t: t, dir: dir, python: filepath.Join(dir, "python")}
	helper := filepath.Join(dir, "compile_helper.py")
	// The compile helper's protocol (see interpreter.Compiler): "<length>\n<source>"
	// in, one JSON line out. Each request is recorded in asked before it waits.
	script := fmt.Sprintf(`import json, os, sys, time
d = %q
inp = sys.stdin.buffer
n = 0
while True:
    head = inp.readline()
    if not head:
        break
    src = inp.read(int(head))
    n += 1
    with open(os.path.join(d, "asked"), "a") as f:
        f.write("asked\n")
    deadline = time.time() + 8
    while time.time() < deadline and not (os.path.exists(os.path.join(d, "gate")) or os.path.exists(os.path.join(d, "release-%%d" %% n))):
        time.sleep(0.01)
    sys.stdout.write(json.dumps({"ok": False, "type": "SyntaxError", "msg": "gated verdict", "line": 1, "col": 1}) + "\n")
    sys.stdout.flush()
    with open(os.path.join(d, "answered"), "a") as f:
        f.write("answered\n")
`, dir)
	if err := os.WriteFile(helper, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	sh := fmt.Sprintf(`#!/bin/sh
case "$3" in
*"compile(src"*) exec python3 %s ;;
esac
echo '{"executable": "%s", "sys_path": [], "version": [3, 12, 0, "final", 0], "platform": "linux", "os_name": "posix", "implementation": "cpython"}'
`, helper, g.python)
	if err := os.WriteFile(g.python, []byte(sh), 0o755); err != nil {
		t.Fatal(err)
	}
	return g
}

// count is how many lines the compile helper wrote to its file name ("asked" when a
// request arrives, "answered" when its verdict is written).
func (g *gatedPython) count(name string) int {
	data, _ := os.ReadFile(filepath.Join(g.dir, name))
	return strings.Count(string(data), name)
}

// wait waits until the compile helper wrote n lines to its file name.
func (g *gatedPython) wait(name string, n int) {
	g.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for g.count(name) < n {
		if time.Now().After(deadline) {
			g.t.Fatalf("the compile helper %s %d times, want %d", name, g.count(name), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitAsked waits until the compile helper was asked for n verdicts.
func (g *gatedPython) waitAsked(n int) { g.t.Helper(); g.wait("asked", n) }

// waitAnswered waits until the compile helper gave n verdicts.
func (g *gatedPython) waitAnswered(n int) { g.t.Helper(); g.wait("answered", n) }

// open lets every verdict through, from now on.
func (g *gatedPython) open() {
	g.t.Helper()
	if err := os.WriteFile(filepath.Join(g.dir, "gate"), nil, 0o644); err != nil {
		g.t.Fatal(err)
	}
}

// release lets the verdict of the n-th request (from 1) through.
func (g *gatedPython) release(n int) {
	g.t.Helper()
	if err := os.WriteFile(filepath.Join(g.dir, fmt.Sprintf("release-%d", n)), nil, 0o644); err != nil {
		g.t.Fatal(err)
	}
}

// publishes returns a copy of what was published for uri so far.
func (c *testClient) publishes(uri string) []*protocol.PublishDiagnosticsParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*protocol.PublishDiagnosticsParams(nil), c.diags[protocol.DocumentURI(uri)]...)
}

// waitPublishes waits until uri has had n publishes and returns them.
func (c *testClient) waitPublishes(uri string, n int) []*protocol.PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if got := c.publishes(uri); len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: %d publishes, want %d", uri, len(c.publishes(uri)), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestClosedDocumentStaysCleared: a document closed while its check runs, with a
// re-check pending (files changed on disk meanwhile), keeps the empty diagnostics its
// close published: neither the running check nor the pending one publishes after it.
func TestClosedDocumentStaysCleared(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	g := newGatedPython(t)
	c := newTestClient(t, Options{PythonPath: g.python, NoCache: true})
	c.initialize(nil)
	uri := "file:///tmp/pyward-gate/closed.py"
	c.open(uri, "def f(:\n")
	// Once the interpreter has answered, the document is re-checked, and that check
	// waits for the compile helper's verdict: it is running.
	g.waitAsked(1)
	c.send("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": "file:///tmp/pyward-gate/other.py", "type": 2},
	}})
	c.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	// The close publishes an empty list (it may be preceded by the first check's).
	cleared := c.waitCleared(uri)
	g.open()
	// The compile helper answers in order: once another document's verdict has been
	// published, the closed document's check has finished too.
	other := "file:///tmp/pyward-gate/after.py"
	c.open(other, "def g(:\n")
	latestMessages(t, c, other, func(m []string) bool { return len(m) == 1 && strings.Contains(m[0], "gated verdict") })
	time.Sleep(300 * time.Millisecond)
	if got := c.publishes(uri); len(got) != cleared {
		for _, p := range got[cleared:] {
			t.Errorf("published after the close: version %d, %d diagnostics", p.Version, len(p.Diagnostics))
		}
	}
}

// settle waits until no publish has arrived for any of uris for quiet, and returns
// how many each has had.
func (c *testClient) settle(quiet time.Duration, uris ...string) map[string]int {
	c.t.Helper()
	counts := func() map[string]int {
		m := map[string]int{}
		for _, u := range uris {
			m[u] = len(c.publishes(u))
		}
		return m
	}
	last, since := counts(), time.Now()
	deadline := time.Now().Add(10 * time.Second)
	for time.Since(since) < quiet {
		if time.Now().After(deadline) {
			c.t.Fatalf("publishes never settled: %v", last)
		}
		time.Sleep(10 * time.Millisecond)
		if now := counts(); fmt.Sprint(now) != fmt.Sprint(last) {
			last, since = now, time.Now()
		}
	}
	return last
}

// TestEditRechecksImportersOnly: an edit of pkg/a.py re-checks the open documents that
// import it (directly, through `import pkg.a` or `from . import a`, through `from . import *`, or through
// a module that imports it) and no other: not one that imports a sibling module, not
// one that star-imports another package.
func TestEditRechecksImportersOnly(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pkg/__init__.py":   "",
		"pkg/a.py":          "def f():\n    return 1\n",
		"pkg/b.py":          "def g():\n    return 2\n",
		"pkg/direct.py":     "from .a import f\n",
		"pkg/relative.py":   "from . import a\n",
		"pkg/plain.py":      "import pkg.a\n",
		"pkg/star.py":       "from . import *\n",
		"pkg/indirect.py":   "from .direct import f\n",
		"pkg/sibling.py":    "from . import b\n",
		"pkg/otherstar.py":  "from os.path import *\n",
		"pkg/unrelated.py":  "import os\n",
		"pkg/unrelated2.py": "from .b import g\n",
	}
	writeTree(t, dir, files)
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(dir)})
	uriOf := func(name string) string { return pathing.PathToURI(filepath.Join(dir, "pkg", name+".py")) }
	rechecked := map[string]bool{
		"direct": true, "relative": true, "plain": true, "star": true, "indirect": true,
		"sibling": false, "otherstar": false, "unrelated": false, "unrelated2": false,
	}
	var uris []string
	for _, name := range []string{"a", "direct", "relative", "plain", "star", "indirect", "sibling", "otherstar", "unrelated", "unrelated2"} {
		uri := uriOf(name)
		c.open(uri, files["pkg/"+name+".py"])
		c.waitDiagnostics(uri, 1)
		uris = append(uris, uri)
	}
	before := c.settle(400*time.Millisecond, uris...)
	c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uriOf("a"), "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(0, 0, 0, 0), "text": "async "}},
	})
	c.waitDiagnostics(uriOf("a"), 2)
	for name, want := range rechecked {
		if want {
			c.waitPublishes(uriOf(name), before[uriOf(name)]+1)
		}
	}
	after := c.settle(400*time.Millisecond, uris...)
	for name, want := range rechecked {
		u := uriOf(name)
		if got := after[u] > before[u]; got != want {
			t.Errorf("pkg/%s.py (%q) re-checked after an edit of pkg/a.py: %v, want %v", name, files["pkg/"+name+".py"], got, want)
		}
	}
}

// TestWatchedFileChangeRechecks: when a module that is not open changes on disk and
// the client says so (workspace/didChangeWatchedFiles), the open documents are
// checked against its new text.
func TestWatchedFileChangeRechecks(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"coros.py": "def f():\n    return 1\n",
		"user.py":  "from coros import f\n\n\nasync def main():\n    f()\n",
	})
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(dir)})
	user := pathing.PathToURI(filepath.Join(dir, "user.py"))
	c.open(user, "from coros import f\n\n\nasync def main():\n    f()\n")
	if got := codes(c.waitDiagnostics(user, 1)); len(got) != 0 {
		t.Fatalf("user.py is clean while f is a plain function, got %v", got)
	}
	writeTree(t, dir, map[string]string{"coros.py": "async def f():\n    return 1\n"})
	c.send("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": pathing.PathToURI(filepath.Join(dir, "coros.py")), "type": 2},
	}})
	latestMessages(t, c, user, func(m []string) bool { return len(m) == 1 && strings.HasPrefix(m[0], "missing-await") })
}

// TestOddNotificationsLogNoError: notifications a client may legally send about
// documents the server does not track (a save of a document that is not open, of an
// untitled buffer) are ignored: no handler fails with an error in the server's log,
// which the user reads in the editor's output panel.
func TestOddNotificationsLogNoError(t *testing.T) {
	core, logs := observer.New(zap.ErrorLevel)
	c := newTestClient(t, Options{Logger: zap.New(core)})
	c.initialize(nil)
	c.open("untitled:Untitled-1", "x = 1\n")
	c.waitDiagnostics("untitled:Untitled-1", 1)
	c.send("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": "untitled:Untitled-1"}})
	c.send("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": "file:///tmp/pyward-test/never-opened.py"}})
	// Notifications are handled in order, before a later request.
	if err := c.call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "untitled:Untitled-1"}, "position": map[string]any{"line": 0, "character": 0},
	}, nil); err != nil {
		t.Fatal(err)
	}
	for _, e := range logs.All() {
		t.Errorf("logged %s: %s %v", e.Level, e.Message, e.ContextMap())
	}
}

// TestBrokenInterpreterLeavesTargetUnknown: when the interpreter cannot be asked, the
// rules do not know the target Python, so code under a version test is checked: the
// failure is not taken for an answer (version 0.0, no platform) that makes it
// unreachable.
func TestBrokenInterpreterLeavesTargetUnknown(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	python := filepath.Join(t.TempDir(), "python3") // does not exist
	c := newTestClient(t, Options{PythonPath: python, NoCache: true})
	c.initialize(nil)
	uri := "file:///tmp/pyward-test/versioned.py"
	text := "import asyncio\nimport sys\n\n\nasync def main():\n    pass\n\n\nif sys.version_info >= (3, 7):\n    asyncio.run(main)\n"
	c.open(uri, text)
	c.waitDiagnostics(uri, 1)
	waitUntil(t, "a message about the broken interpreter", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return strings.Contains(strings.Join(c.messages, "\n"), "cannot read sys.path")
	})
	time.Sleep(200 * time.Millisecond) // whatever follows the failure has happened
	c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": text + "\n"}},
	})
	if got := codes(c.waitDiagnostics(uri, 2)); strings.Join(got, ",") != "coroutine-function-not-called" {
		t.Fatalf("after the interpreter failed: %v, want coroutine-function-not-called under the version test", got)
	}
	for _, p := range c.publishes(uri) {
		if got := codes(p); strings.Join(got, ",") != "coroutine-function-not-called" {
			t.Errorf("version %d published %v", p.Version, got)
		}
	}
}

// TestRecheckOfClosedDocumentPublishesNothing: a re-check asked for a document that
// was closed meanwhile (a settings change, sys.path or a watched file re-checks the
// documents it listed a moment before the close) publishes nothing: the client's last
// word on a closed document is the empty list of the close. Otherwise a client that
// reopens the file can receive the old document's findings after the new one's.
func TestRecheckOfClosedDocumentPublishesNothing(t *testing.T) {
	srv := New(Options{PythonPath: "-", Logger: zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))})
	c := attachTestClient(t, srv)
	c.initialize(nil)
	uri := "file:///tmp/pyward-closed/stale.py"
	c.open(uri, "import asyncio\n\nasync def f():\n    pass\n\nf()\n")
	if p := c.waitDiagnostics(uri, 1); len(p.Diagnostics) == 0 {
		t.Fatal("no finding for f() never awaited")
	}
	d, ok := srv.session.lookup(protocol.DocumentURI(uri))
	if !ok {
		t.Fatal("the open document is not in the session")
	}
	c.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	cleared := c.waitCleared(uri)
	srv.requestRecheck(d)
	srv.scheduleCheck(d, d.snapshot())
	time.Sleep(300 * time.Millisecond)
	for _, p := range c.publishes(uri)[cleared:] {
		t.Errorf("published for the closed document: version %d, %d diagnostics", p.Version, len(p.Diagnostics))
	}
}

// waitCleared waits for the empty, unversioned publish with which the server clears a
// closed document, and returns how many publishes uri has had up to and including it.
func (c *testClient) waitCleared(uri string) int {
	c.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		cleared := 0
		for i, p := range c.publishes(uri) {
			if p.Version == 0 && len(p.Diagnostics) == 0 {
				cleared = i + 1
			}
		}
		if cleared > 0 {
			return cleared
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no empty publish after didClose: %+v", c.publishes(uri))
		}
	}
}

// TestQueuedChecksWaitForASlot: the checks of opened documents wait for one of the
// GOMAXPROCS check slots (a burst of opens is checked a few at a time), while the
// check of an edit never waits for one.
func TestQueuedChecksWaitForASlot(t *testing.T) {
	srv := New(Options{PythonPath: "-", Logger: zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))})
	c := attachTestClient(t, srv)
	c.initialize(nil)
	for i := 0; i < cap(srv.checkSlots); i++ {
		srv.checkSlots <- struct{}{} // every slot taken
	}
	edited, opened := "file:///ws/edited.py", "file:///ws/opened.py"
	c.open(edited, "async def f():\n    pass\n")
	c.open(opened, "async def g():\n    pass\n\n\nasync def main():\n    g()\n")
	time.Sleep(200 * time.Millisecond)
	if n := len(c.publishes(edited)) + len(c.publishes(opened)); n != 0 {
		t.Fatalf("%d publishes while every check slot was taken", n)
	}
	c.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": edited, "version": 2},
		"contentChanges": []any{map[string]any{"range": rng(1, 8, 1, 8), "text": " "}},
	})
	c.waitDiagnostics(edited, 2) // an edit is checked at once
	if n := len(c.publishes(opened)); n != 0 {
		t.Fatalf("the opened document was checked without a slot (%d publishes)", n)
	}
	<-srv.checkSlots // one slot frees
	if got := codes(c.waitDiagnostics(opened, 1)); strings.Join(got, ",") != "missing-await" {
		t.Fatalf("opened.py: %v, want missing-await", got)
	}
}

// TestOpenRechecksImportersOnlyWhenTextDiffers: opening a module whose buffer is the
// file on disk leaves the open documents that import it alone (they were checked
// against that very text); opening one with unsaved changes re-checks them.
func TestOpenRechecksImportersOnlyWhenTextDiffers(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pkg/__init__.py": "",
		"pkg/a.py":        "def f():\n    return 1\n",
		"pkg/b.py":        "def g():\n    return 2\n",
		"pkg/user.py":     "from .a import f\nfrom .b import g\n\n\nasync def main():\n    f()\n    g()\n",
	}
	writeTree(t, dir, files)
	c := newTestClient(t, Options{})
	c.initialize(map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(dir)})
	uriOf := func(name string) string { return pathing.PathToURI(filepath.Join(dir, "pkg", name+".py")) }
	user := uriOf("user")
	c.open(user, files["pkg/user.py"])
	if got := codes(c.waitDiagnostics(user, 1)); len(got) != 0 {
		t.Fatalf("pkg/user.py: %v, want nothing (f and g are plain functions)", got)
	}
	before := c.settle(400*time.Millisecond, user)

	c.open(uriOf("a"), files["pkg/a.py"]) // the text on disk
	c.waitDiagnostics(uriOf("a"), 1)
	if after := c.settle(400*time.Millisecond, user); after[user] != before[user] {
		t.Errorf("opening pkg/a.py with its text on disk re-checked pkg/user.py (%d publishes, was %d)", after[user], before[user])
	}

	c.open(uriOf("b"), "async def g():\n    return 2\n") // unsaved: g is now a coroutine function
	c.waitDiagnostics(uriOf("b"), 1)
	pubs := c.waitPublishes(user, before[user]+1)
	if got := codes(pubs[len(pubs)-1]); strings.Join(got, ",") != "missing-await" {
		t.Errorf("pkg/user.py after opening pkg/b.py with async g: %v, want missing-await (g())", got)
	}
}
