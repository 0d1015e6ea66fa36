package server

import (
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// latestMessages polls the newest publishDiagnostics of uri until cond holds (or 10 s).
func latestMessages(t *testing.T, c *testClient, uri string, cond func([]string) bool) []string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var msgs []string
	for time.Now().Before(deadline) {
		c.mu.Lock()
		list := c.diags[protocol.DocumentURI(uri)]
		if len(list) > 0 {
			msgs = nil
			for _, d := range list[len(list)-1].Diagnostics {
				msgs = append(msgs, d.Code.(string)+": "+d.Message)
			}
		}
		c.mu.Unlock()
		if len(list) > 0 && cond(msgs) {
			return msgs
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: diagnostics never satisfied the condition; last %q", uri, msgs)
	return nil
}

// Once the interpreter has answered, CPython's compile() has the last word on the
// syntax errors tree-sitter finds: valid Python 3 that tree-sitter's grammar misreads
// gets none; a real one gets CPython's message.
func TestSyntaxErrorsConfirmedByTheInterpreter(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	c := newTestClient(t, Options{PythonPath: "python3", NoCache: true})
	c.initialize(nil)
	valid := "file:///tmp/pyward-syntax/chevron.py"
	c.open(valid, "import sys\nprint >> sys.stderr, \"x\"\n")
	latestMessages(t, c, valid, func(m []string) bool { return len(m) == 0 })

	broken := "file:///tmp/pyward-syntax/py2.py"
	c.open(broken, "x = 1\nprint \"x\"\n")
	want := "syntax-error: Missing parentheses in call to 'print'. Did you mean print(...)?"
	latestMessages(t, c, broken, func(m []string) bool { return len(m) == 1 && m[0] == want })
}
