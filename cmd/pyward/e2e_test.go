package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pyward/pyward/cmd/pyward-bench/lspclient"
	"github.com/pyward/pyward/pathing"
)

// The end-to-end tests build the real binary once and drive it as an editor or a CI
// script would: over stdio, and through `pyward check`'s output and exit status.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	// The caches (interpreter answers, parsed trees) go to a folder of this run, not
	// the user's.
	cache, err := os.MkdirTemp("", "pyward-test-cache-")
	if err == nil {
		os.Setenv("XDG_CACHE_HOME", cache)
	}
	code := m.Run()
	if cache != "" {
		os.RemoveAll(cache)
	}
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// pywardBin builds ./cmd/pyward (once per test run) and returns the binary's path.
func pywardBin(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test builds the binary: skipped with -short")
	}
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "pyward-e2e-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "pyward")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// writeTree writes files (relative path -> text) under a new temporary folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for rel, text := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// startServer spawns `pyward serve` and initializes it on root.
func startServer(t *testing.T, root string) *lspclient.Client {
	t.Helper()
	var stderr lockedBuf
	c, err := lspclient.Start([]string{pywardBin(t), "serve", "--python", "-", "--log-level", "info"}, root, nil, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Kill()
		if t.Failed() {
			t.Logf("server stderr:\n%s", stderr.String())
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var res struct {
		Capabilities map[string]json.RawMessage `json:"capabilities"`
		ServerInfo   struct{ Name string }      `json:"serverInfo"`
	}
	uri := pathing.PathToURI(root)
	if err := c.Call(ctx, "initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": uri,
		"capabilities": map[string]any{"textDocument": map[string]any{"publishDiagnostics": map[string]any{"versionSupport": true}}},
	}, &res); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if res.ServerInfo.Name != "pyward" || res.Capabilities["textDocumentSync"] == nil {
		t.Fatalf("initialize result: %+v", res)
	}
	if err := c.Notify("initialized", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	return c
}

type lockedBuf struct {
	mu sync.Mutex
	bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.Buffer.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.Buffer.String()
}

func waitDiags(t *testing.T, c *lspclient.Client, uri string, after int64, version int) lspclient.Diagnostics {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	d, err := c.WaitDiagnostics(ctx, uri, after, version)
	// A publish without a version (the clearing that follows a didClose) may still be
	// on its way: skip it.
	for err == nil && d.Version == -1 {
		d, err = c.WaitDiagnostics(ctx, uri, d.Seq, version)
	}
	if err != nil {
		t.Fatal(err)
	}
	if d.Version != version {
		t.Fatalf("diagnostics of %s have version %d, want %d", uri, d.Version, version)
	}
	return d
}

// codesOf returns the rule codes of published diagnostics.
func codesOf(t *testing.T, d lspclient.Diagnostics) []string {
	t.Helper()
	var out []string
	for _, raw := range d.Items {
		var item struct {
			Code   string `json:"code"`
			Source string `json:"source"`
			Range  struct {
				Start struct{ Line, Character int }
			} `json:"range"`
		}
		if err := json.Unmarshal(raw, &item); err != nil {
			t.Fatalf("diagnostic %s: %v", raw, err)
		}
		if item.Source != "pyward" {
			t.Errorf("diagnostic source %q, want pyward", item.Source)
		}
		out = append(out, fmt.Sprintf("%s@%d", item.Code, item.Range.Start.Line))
	}
	return out
}

func change(uri string, version int, l1, c1, l2, c2 int, text string) map[string]any {
	return map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": version},
		"contentChanges": []any{map[string]any{
			"range": map[string]any{
				"start": map[string]any{"line": l1, "character": c1},
				"end":   map[string]any{"line": l2, "character": c2},
			},
			"text": text,
		}},
	}
}

// TestServeEndToEnd: initialize → didOpen → diagnostics → incremental didChange →
// new diagnostics (of the new version) → another edit that repairs it → shutdown →
// exit, with exit status 0.
func TestServeEndToEnd(t *testing.T) {
	root := writeTree(t, map[string]string{"pkg/__init__.py": "", "pkg/mod.py": "x = '😀'\ny = 1\n"})
	c := startServer(t, root)
	uri := pathing.PathToURI(filepath.Join(root, "pkg", "mod.py"))
	text, _ := os.ReadFile(filepath.Join(root, "pkg", "mod.py"))
	seq := c.Seq()
	if err := c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "python", "version": 1, "text": string(text)}}); err != nil {
		t.Fatal(err)
	}
	if got := codesOf(t, waitDiags(t, c, uri, seq, 1)); len(got) != 0 {
		t.Fatalf("clean file: diagnostics %v", got)
	}

	// Line 1 becomes `def f(:` — an incremental edit after a line with an emoji.
	seq = c.Seq()
	if err := c.Notify("textDocument/didChange", change(uri, 2, 1, 0, 1, 5, "def f(:")); err != nil {
		t.Fatal(err)
	}
	got := codesOf(t, waitDiags(t, c, uri, seq, 2))
	if len(got) == 0 || !strings.HasPrefix(got[0], "syntax-error@1") {
		t.Fatalf("after breaking line 1: %v, want syntax-error on line 1", got)
	}

	// Repair it with a second incremental edit.
	seq = c.Seq()
	if err := c.Notify("textDocument/didChange", change(uri, 3, 1, 0, 1, 7, "y = 2")); err != nil {
		t.Fatal(err)
	}
	if got := codesOf(t, waitDiags(t, c, uri, seq, 3)); len(got) != 0 {
		t.Fatalf("after the repair: %v", got)
	}

	code, err := c.Shutdown(10 * time.Second)
	if err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if code != 0 {
		t.Fatalf("exit status %d after shutdown+exit, want 0", code)
	}
}

// TestServeExitWithoutShutdown: exit without shutdown ends the process with status 1,
// as the LSP spec says; so does the end of stdin.
func TestServeExitWithoutShutdown(t *testing.T) {
	c := startServer(t, t.TempDir())
	if err := c.Notify("exit", nil); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.Exited():
	case <-time.After(10 * time.Second):
		t.Fatal("server did not exit")
	}
	if code := c.ExitCode(); code != 1 {
		t.Fatalf("exit status %d, want 1", code)
	}
}

// TestServeSurvivesGarbageOverStdio: bad frames on the real stdio get error replies
// and the next request is answered.
func TestServeSurvivesGarbageOverStdio(t *testing.T) {
	c := startServer(t, t.TempDir())
	for _, body := range []string{`{not json`, `[]`, `{"jsonrpc":"2.0","id":7,"method":5}`, "\x00\xff", `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":"x"}`} {
		if err := c.WriteRaw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := c.Call(ctx, "textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///nowhere.py"}, "position": map[string]any{"line": 0, "character": 0}}, nil)
	if re, ok := err.(*lspclient.ResponseError); !ok || re.Code != -32602 {
		t.Fatalf("hover on an unknown document after garbage: %v, want InvalidParams", err)
	}
	if code, err := c.Shutdown(10 * time.Second); err != nil || code != 0 {
		t.Fatalf("shutdown after garbage: status %d, %v", code, err)
	}
}

// checkBin runs `pyward check args...` in dir and returns stdout, stderr and the status.
func checkBin(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(pywardBin(t), append([]string{"check", "--python", "-"}, args...)...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("run pyward check: %v", err)
		}
	}
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

// TestCheckExitCodes: 0 clean, 1 findings, 2 usage or I/O errors; text and JSON output.
func TestCheckExitCodes(t *testing.T) {
	root := writeTree(t, map[string]string{
		"clean/a.py":             "x = 1\n",
		"dirty/b.py":             "def f(:\n    pass\n",
		"dirty/__pycache__/c.py": "def g(:\n",
	})
	cases := []struct {
		name   string
		args   []string
		status int
		stdout []string // substrings
		stderr []string
	}{
		{"clean", []string{"clean"}, 0, nil, nil},
		{"findings", []string{"dirty"}, 1, []string{filepath.Join("dirty", "b.py") + ":1:", "error [syntax-error]"}, nil},
		{"missing path", []string{"nope"}, 2, nil, []string{"nope"}},
		{"no paths", []string{}, 2, nil, []string{"no paths"}},
		{"bad format", []string{"--format", "xml", "clean"}, 2, nil, []string{"xml"}},
		{"unknown rule", []string{"--select", "no-such-rule", "clean"}, 2, nil, []string{"no-such-rule"}},
		{"bad flag", []string{"--nope", "clean"}, 2, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, status := checkBin(t, root, tc.args...)
			if status != tc.status {
				t.Fatalf("status %d, want %d\nstdout: %s\nstderr: %s", status, tc.status, stdout, stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			if strings.Contains(stdout, "__pycache__") {
				t.Errorf("check descended into __pycache__:\n%s", stdout)
			}
		})
	}
}

// TestCheckJSON: --format json prints an array of findings with 1-based positions,
// and an empty array (not null) when clean.
func TestCheckJSON(t *testing.T) {
	root := writeTree(t, map[string]string{"clean.py": "x = 1\n", "bad.py": "x = 1\ndef f(:\n"})
	stdout, stderr, status := checkBin(t, root, "--format", "json", "bad.py")
	if status != 1 {
		t.Fatalf("status %d, want 1; stderr: %s", status, stderr)
	}
	var findings []struct {
		Path, Severity, Rule, Message string
		Line, Column                  int
	}
	if err := json.Unmarshal([]byte(stdout), &findings); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, stdout)
	}
	if len(findings) == 0 || findings[0].Rule != "syntax-error" || findings[0].Line != 2 || findings[0].Column < 1 || findings[0].Severity != "error" || findings[0].Path != "bad.py" {
		t.Fatalf("findings: %+v", findings)
	}
	stdout, _, status = checkBin(t, root, "--format", "json", "clean.py")
	if status != 0 || strings.TrimSpace(stdout) != "[]" {
		t.Fatalf("clean JSON: status %d, %q", status, stdout)
	}
	// --select keeps only the named rules: with an unrelated rule, the syntax error is not reported.
	stdout, _, status = checkBin(t, root, "--format", "json", "--select", "missing-await", "bad.py")
	if status != 0 || strings.TrimSpace(stdout) != "[]" {
		t.Fatalf("--select missing-await on a syntax error: status %d, %q", status, stdout)
	}
}

// TestVersion: `pyward version` prints the version and exits 0.
func TestVersion(t *testing.T) {
	out, err := exec.Command(pywardBin(t), "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "pyward ") {
		t.Fatalf("pyward version: %q, %v", out, err)
	}
}

// rssKB reads a process's resident set size in kB.
func rssKB(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var n int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &n)
			return n
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// TestSoakBinary: rounds of open → edits → hover/definition → close over stdio against
// the real process, across modules that import each other. Every request is answered,
// every edit's diagnostics arrive, and the process's resident memory (Go heap and the
// parsers' C memory) stays flat from the first rounds to the last.
func TestSoakBinary(t *testing.T) {
	rounds := 150
	if testing.Short() {
		rounds = 30
	}
	files := map[string]string{
		"pkg/__init__.py": "from .a import run\n",
		"pkg/a.py":        "import asyncio\nfrom . import b\nfrom .b import helper, _private\n\nasync def run():\n    await helper()\n    b.helper()\n",
		"pkg/b.py":        "async def helper():\n    pass\n\ndef _private():\n    return 1\n\nclass K:\n    def __init__(self):\n        self.__x = 1\n",
		"pkg/c.py":        "from .a import run\nfrom .b import K\nK()._K__x\nrun()\n",
	}
	root := writeTree(t, files)
	c := startServer(t, root)
	ctx := context.Background()
	names := []string{"pkg/a.py", "pkg/b.py", "pkg/c.py", "pkg/__init__.py"}
	var early int64
	for r := 0; r < rounds; r++ {
		var uris []string
		for _, name := range names {
			uri := pathing.PathToURI(filepath.Join(root, name))
			seq := c.Seq()
			if err := c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
				"uri": uri, "languageId": "python", "version": 1, "text": files[name]}}); err != nil {
				t.Fatal(err)
			}
			waitDiags(t, c, uri, seq, 1)
			uris = append(uris, uri)
		}
		for i, uri := range uris {
			for v := 2; v < 6; v++ {
				text := []string{"x", "(", "\n", "😀"}[(r+v+i)%4]
				seq := c.Seq()
				if err := c.Notify("textDocument/didChange", change(uri, v, 0, 0, 0, 0, text)); err != nil {
					t.Fatal(err)
				}
				waitDiags(t, c, uri, seq, v)
			}
			for _, method := range []string{"textDocument/hover", "textDocument/definition", "textDocument/declaration"} {
				cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				_, err := c.CallRaw(cctx, method, map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1 + r%4, "character": 15}})
				cancel()
				if err != nil {
					if re, ok := err.(*lspclient.ResponseError); !ok || re.Code == -32603 {
						t.Fatalf("round %d %s: %v", r, method, err)
					}
				}
			}
		}
		for _, uri := range uris {
			if err := c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}}); err != nil {
				t.Fatal(err)
			}
		}
		if r == rounds/5 {
			early = rssKB(t, c.Pid())
		}
	}
	late := rssKB(t, c.Pid())
	t.Logf("%d rounds: RSS %.1f MB after %d rounds, %.1f MB at the end", rounds, float64(early)/1024, rounds/5, float64(late)/1024)
	if late > early*3/2+32*1024 {
		t.Errorf("resident memory grew from %.1f MB to %.1f MB", float64(early)/1024, float64(late)/1024)
	}
	if code, err := c.Shutdown(10 * time.Second); err != nil || code != 0 {
		t.Fatalf("shutdown: status %d, %v", code, err)
	}
}
