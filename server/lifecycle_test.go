package server

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"
	"go.uber.org/zap/zaptest/observer"

	"github.com/pyward/pyward/pathing"
)

// TestInitializeWithInvalidParams: an initialize whose params do not decode is answered
// InvalidParams and initializes nothing: requests are still refused, and a correct
// initialize that follows succeeds.
func TestInitializeWithInvalidParams(t *testing.T) {
	c := newTestClient(t, Options{})
	for _, params := range []map[string]any{
		{"capabilities": 5},
		{"capabilities": map[string]any{}, "workspaceFolders": "not a list"},
	} {
		if err := c.call("initialize", params, nil); rpcCode(err) != jsonrpc2.InvalidParams {
			t.Errorf("initialize with %v: %v, want InvalidParams", params, err)
		}
	}
	if err := c.call("textDocument/hover", map[string]any{}, nil); rpcCode(err) != jsonrpc2.ServerNotInitialized {
		t.Errorf("hover after a failed initialize: %v, want ServerNotInitialized", err)
	}
	c.initialize(nil)
}

// TestShutdownIsAnsweredOnce: shutdown gets one success reply, and the requests that
// follow it are refused.
func TestShutdownIsAnsweredOnce(t *testing.T) {
	p := initializedPeer(t)
	p.writeBytes(t, frame(`{"jsonrpc":"2.0","id":"bye","method":"shutdown"}`)+frame(probe(3)))
	var have []string
	for _, m := range p.repliesUntil(t, "3") {
		have = append(have, fmt.Sprintf("%s:%d", m["id"], errorCode(t, m)))
	}
	if want := fmt.Sprintf(`"bye":0 3:%d`, jsonrpc2.InvalidRequest); strings.Join(have, " ") != want {
		t.Errorf("replies %v, want %s", have, want)
	}
}

// TestShutdownStopsChecks: a check running when shutdown arrives publishes nothing
// afterwards.
func TestShutdownStopsChecks(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	g := newGatedPython(t)
	c := newTestClient(t, Options{PythonPath: g.python, NoCache: true})
	c.initialize(nil)
	uri := "file:///tmp/pyward-gate/shutdown.py"
	c.open(uri, "def f(:\n")
	g.waitAsked(1) // the re-check once the interpreter has answered is running
	before := len(c.publishes(uri))
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	g.open()
	g.waitAnswered(1)
	time.Sleep(300 * time.Millisecond)
	for _, p := range c.publishes(uri)[before:] {
		t.Errorf("published after shutdown: version %d, %v", p.Version, codes(p))
	}
}

// TestLargeFileSizeSetting: pyward.largeFileSize makes a document over it large: its
// superlinear rules are skipped, and the log says so. A document of exactly that size
// is not large.
func TestLargeFileSizeSetting(t *testing.T) {
	text := "import asyncio\n\n\nasync def main():\n    pass\n\n\nasyncio.run(main)\n"
	for _, tc := range []struct {
		limit int
		large bool
	}{{len(text), false}, {len(text) - 1, true}} {
		t.Run(fmt.Sprint(tc.limit), func(t *testing.T) {
			c := newTestClient(t, Options{})
			c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{
				"pyward": map[string]any{"largeFileSize": tc.limit},
			}})
			uri := "file:///tmp/pyward-test/large.py"
			c.open(uri, text)
			got := strings.Join(codes(c.waitDiagnostics(uri, 1)), ",")
			c.mu.Lock()
			logs := strings.Join(c.logs, "\n")
			c.mu.Unlock()
			if tc.large {
				if got != "" || !strings.Contains(logs, "over the large-file limit") || !strings.Contains(logs, "coroutine-function-not-called") {
					t.Errorf("over the limit: diagnostics %q, log %q; want none, and a log naming the skipped rules", got, logs)
				}
			} else if got != "coroutine-function-not-called" || logs != "" {
				t.Errorf("under the limit: diagnostics %q, log %q; want coroutine-function-not-called, no log", got, logs)
			}
		})
	}
}

// TestServerLog: the logger of the options receives the server's warnings (here, the
// notifications that fail: a close of a document that is not open, a didRenameFiles
// whose params do not decode) and nothing else at that level in a plain session.
func TestServerLog(t *testing.T) {
	core, logs := observer.New(zap.WarnLevel)
	c := newTestClient(t, Options{Logger: zap.New(core)})
	c.initialize(nil)
	uri := "file:///tmp/pyward-test/logged.py"
	c.open(uri, "x = 1\n")
	c.waitDiagnostics(uri, 1)
	c.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": "file:///tmp/pyward-test/never-opened.py"}})
	c.send("workspace/didRenameFiles", map[string]any{"files": 5})
	if err := c.call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 0},
	}, nil); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range logs.All() {
		got = append(got, fmt.Sprintf("%s %s %v", e.Level, e.Message, e.ContextMap()["method"]))
	}
	want := "warn notification failed textDocument/didClose\nwarn notification failed workspace/didRenameFiles"
	if strings.Join(got, "\n") != want {
		t.Errorf("log:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestNoLogger: a server without a logger works, and its failures are not a crash.
func TestNoLogger(t *testing.T) {
	c := startTestClient(t, Options{PythonPath: "-"})
	c.initialize(nil)
	c.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": "file:///tmp/pyward-test/never-opened.py"}})
	uri := "file:///tmp/pyward-test/unlogged.py"
	c.open(uri, "def f(:\n")
	if got := codes(c.waitDiagnostics(uri, 1)); strings.Join(got, ",") != "syntax-error" {
		t.Fatalf("diagnostics %v, want syntax-error", got)
	}
}

// TestNotificationsBeforeInitialize: a document opened before initialize is not
// opened: nothing is published for it, and requests about it fail as for any
// document that is not open.
func TestNotificationsBeforeInitialize(t *testing.T) {
	c := newTestClient(t, Options{})
	early := "file:///tmp/pyward-test/early.py"
	c.open(early, "def f(:\n")
	c.initialize(nil)
	later := "file:///tmp/pyward-test/later.py"
	c.open(later, "def g(:\n")
	c.waitDiagnostics(later, 1)
	err := c.call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": early}, "position": map[string]any{"line": 0, "character": 0},
	}, nil)
	if rpcCode(err) != jsonrpc2.InvalidParams || !strings.Contains(err.Error(), "not open") {
		t.Errorf("hover on the document opened before initialize: %v, want an error saying it is not open", err)
	}
	if got := c.publishes(early); len(got) != 0 {
		t.Errorf("%d publishes for the document opened before initialize", len(got))
	}
}

// TestPython3OnPath: without pythonPath in the settings or the options, python3 on
// PATH is the interpreter: the modules of its sys.path resolve.
func TestPython3OnPath(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	bin := t.TempDir()
	site := filepath.Join(t.TempDir(), "site-packages")
	writeTree(t, site, map[string]string{"installed_pkg/__init__.py": "VALUE = 1\n"})
	python, runs := fakePython(t, bin, site)
	if err := os.Rename(python, filepath.Join(bin, "python3")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	c := startTestClient(t, Options{NoCache: true, Logger: zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))})
	c.initialize(nil)
	uri := "file:///tmp/pyward-test/uses_installed.py"
	c.open(uri, "import installed_pkg\n")
	c.waitDiagnostics(uri, 1)
	want := pathing.PathToURI(filepath.Join(site, "installed_pkg", "__init__.py"))
	deadline := time.Now().Add(10 * time.Second)
	for {
		var locs []protocol.Location
		if err := c.call("textDocument/definition", map[string]any{
			"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 9},
		}, &locs); err != nil {
			t.Fatal(err)
		}
		if len(locs) == 1 && string(locs[0].URI) == want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("definition = %v, want %s (python3 on PATH ran %d times)", locs, want, runs())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSettingsMessages: the settings problems shown to the user are exactly the
// values that cannot apply; a rule pyward does not know is ignored (logged), not a
// problem, whatever its value. (The problems are shown during initialize, before its
// answer.)
func TestSettingsMessages(t *testing.T) {
	problem := func(v string) string {
		return "pyward: pyward.largeFileSize must be a positive whole number of bytes, not " + v
	}
	for _, tc := range []struct {
		largeFileSize any
		want          string
	}{
		{1, ""}, {4096, ""}, {0.5, problem("0.5")}, {2.5, problem("2.5")}, {0, problem("0")}, {-3, problem("-3")}, {"big", problem("big")},
	} {
		t.Run(fmt.Sprint(tc.largeFileSize), func(t *testing.T) {
			c := newTestClient(t, Options{})
			c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"pyward": map[string]any{
				"rules":         map[string]any{"no-such-rule": 5, "syntax-error": "hint"},
				"largeFileSize": tc.largeFileSize,
			}}})
			c.mu.Lock()
			msgs := strings.Join(c.messages, "\n")
			c.mu.Unlock()
			if msgs != tc.want {
				t.Errorf("messages:\n%s\nwant:\n%s", msgs, tc.want)
			}
			// The valid part of the settings applies.
			uri := "file:///tmp/pyward-test/settings.py"
			c.open(uri, "def f(:\n")
			if p := c.waitDiagnostics(uri, 1); len(p.Diagnostics) != 1 || p.Diagnostics[0].Severity != protocol.DiagnosticSeverityHint {
				t.Errorf("syntax-error as a hint: %+v", p.Diagnostics)
			}
		})
	}
}

// TestCacheSetting: with the cache on (the default), what the server reads from disk
// (the parsed trees and the summaries of imported modules) is kept in the cache
// folder for the next session; with pyward.cache.enabled false, or the NoCache option
// (pyward --no-cache), nothing is written.
func TestCacheSetting(t *testing.T) {
	for _, tc := range []struct {
		enabled, noCache, written bool
	}{{true, false, true}, {false, false, false}, {true, true, false}} {
		t.Run(fmt.Sprintf("enabled=%v,noCache=%v", tc.enabled, tc.noCache), func(t *testing.T) {
			cache := t.TempDir()
			t.Setenv("XDG_CACHE_HOME", cache)
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{"coros.py": "async def f():\n    return 1\n"})
			c := newTestClient(t, Options{NoCache: tc.noCache})
			c.initialize(map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(dir),
				"initializationOptions": map[string]any{"pyward": map[string]any{"cache": map[string]any{"enabled": tc.enabled}}}})
			uri := pathing.PathToURI(filepath.Join(dir, "user.py"))
			c.open(uri, "from coros import f\n\n\nasync def main():\n    f()\n")
			if got := codes(c.waitDiagnostics(uri, 1)); strings.Join(got, ",") != "missing-await" {
				t.Fatalf("diagnostics %v, want missing-await (f is read from coros.py)", got)
			}
			for _, kind := range []string{"trees", "summaries"} {
				var files int
				_ = filepath.WalkDir(filepath.Join(cache, "pyward", kind), func(_ string, d os.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						files++
					}
					return nil
				})
				if (files > 0) != tc.written {
					t.Errorf("%d files in the %s cache, want some: %v", files, kind, tc.written)
				}
			}
		})
	}
}

// TestConnectionEndLog: a client that closes the stream ends the session without a
// word in the log; a stream the server cannot read on ends it with the reason logged.
func TestConnectionEndLog(t *testing.T) {
	for _, tc := range []struct {
		name   string
		end    func(c *testClient) error
		logged bool
	}{
		{"closed by the client", func(c *testClient) error { return c.raw.Close() }, false},
		{"an invalid header", func(c *testClient) error {
			_, err := c.raw.Write([]byte("Content-Length: -1\r\n\r\n"))
			return err
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			core, logs := observer.New(zap.InfoLevel)
			c := newTestClient(t, Options{Logger: zap.New(core)})
			c.initialize(nil)
			if err := tc.end(c); err != nil {
				t.Fatal(err)
			}
			select {
			case <-c.exit:
			case <-time.After(10 * time.Second):
				t.Fatal("the session did not end")
			}
			if got := len(logs.FilterMessage("connection ended").All()); (got > 0) != tc.logged {
				t.Errorf("%d \"connection ended\" log entries, want some: %v", got, tc.logged)
			}
		})
	}
}

// TestOpenFromCachedTree: a file opened with the text it has on disk is parsed once
// and its tree cached; the next session takes the tree from the cache instead of
// parsing, publishes the same findings, then prepares incremental parsing so that the
// first edit reuses the tree; a buffer that differs from the disk is parsed as before.
func TestOpenFromCachedTree(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	dir := t.TempDir()
	text := "async def fetch():\n    return 1\n\n\nasync def main():\n    fetch()\n    # a comment\n"
	writeTree(t, dir, map[string]string{"jobs.py": text})
	path := filepath.Join(dir, "jobs.py")
	uri := pathing.PathToURI(path)
	session := func(opened string) (*Server, *testClient, *observer.ObservedLogs) {
		core, logs := observer.New(zap.DebugLevel)
		srv := New(Options{PythonPath: "-", Logger: zap.New(core)})
		c := attachTestClient(t, srv)
		c.initialize(map[string]any{"capabilities": map[string]any{}, "rootUri": pathing.PathToURI(dir)})
		c.open(uri, opened)
		if got := codes(c.waitDiagnostics(uri, 1)); strings.Join(got, ",") != "missing-await" {
			t.Fatalf("diagnostics %v, want missing-await", got)
		}
		return srv, c, logs
	}
	fromCache := func(logs *observer.ObservedLogs) bool {
		return logs.FilterMessage("document opened from the tree cache").Len() > 0
	}

	_, _, logs := session(text)
	if fromCache(logs) {
		t.Fatal("the first session found a cached tree in an empty cache")
	}
	waitUntil(t, "the opened file's tree cached", func() bool {
		entries, _ := os.ReadDir(filepath.Join(cache, "pyward", "trees"))
		return len(entries) > 0
	})

	srv, c, logs := session(text)
	if !fromCache(logs) {
		t.Fatal("the second session parsed the file again")
	}
	d, ok := srv.session.lookup(protocol.DocumentURI(uri))
	if !ok {
		t.Fatal("the document is not open")
	}
	// The tree-sitter tree is made by the first edit (parsed from scratch), not in the
	// background after the first diagnostics, where it competed with the requests that
	// follow an open; the second edit is incremental.
	edit := func(version uint32, char int) {
		c.send("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{"range": map[string]any{"start": map[string]any{"line": 6, "character": char}, "end": map[string]any{"line": 6, "character": char}}, "text": "x"}},
		})
		if got := codes(c.waitDiagnostics(uri, version)); strings.Join(got, ",") != "missing-await" {
			t.Fatalf("after edit %d: diagnostics %v, want missing-await", version, got)
		}
	}
	reused := func() int {
		d.mu.Lock()
		defer d.mu.Unlock()
		return d.parse.Reused
	}
	edit(2, 7)
	if r := reused(); r != 0 {
		t.Errorf("the first edit reused %d nodes of a tree-sitter tree that should not exist yet", r)
	}
	edit(3, 8)
	if reused() == 0 {
		t.Error("the second edit reused nothing: it was parsed from scratch")
	}

	// a buffer with unsaved changes is not the file on disk
	_, _, logs = session(text + "\n")
	if fromCache(logs) {
		t.Error("a buffer that differs from the file took the file's cached tree")
	}
}
