package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
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
