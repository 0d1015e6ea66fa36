package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/pyward/pyward/cmd/pyward-bench/lspclient"
	"github.com/pyward/pyward/pathing"
)

// serverSpec says how to start one language server.
type serverSpec struct {
	Name    string
	Argv    []string
	Version string
}

// findServers returns the servers to measure: pyward always, the others when their
// command is on PATH and they were asked for.
func findServers(pyward string, want []string) []serverSpec {
	var out []serverSpec
	for _, name := range want {
		switch name {
		case "pyward":
			out = append(out, serverSpec{Name: "pyward", Argv: []string{pyward, "serve", "--log-level", "warn"}, Version: firstLine(pyward, "version")})
		case "pyright":
			if path, err := exec.LookPath("pyright-langserver"); err == nil {
				v := ""
				if p, err := exec.LookPath("pyright"); err == nil {
					v = firstLine(p, "--version")
				}
				out = append(out, serverSpec{Name: "pyright", Argv: []string{path, "--stdio"}, Version: v})
			} else {
				logf("pyright-langserver is not on PATH: skipping pyright (npm install -g pyright)")
			}
		case "pylsp":
			if path, err := exec.LookPath("pylsp"); err == nil {
				out = append(out, serverSpec{Name: "pylsp", Argv: []string{path}, Version: firstLine(path, "--version")})
			} else {
				logf("pylsp is not on PATH: skipping pylsp (apt-get install python3-pylsp)")
			}
		default:
			logf("unknown server %q: skipping", name)
		}
	}
	return out
}

func firstLine(cmd string, args ...string) string {
	out, err := exec.Command(cmd, args...).CombinedOutput()
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

// session is one running server.
type session struct {
	spec   serverSpec
	c      *lspclient.Client
	root   string
	stderr *lockedBuffer
	open   map[string]int // uri -> version
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 1<<20 {
		return len(p), nil // keep the first MB: enough to say what went wrong
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// clientCapabilities are what a plain editor announces: UTF-16 positions, versioned
// push diagnostics, pull configuration, Markdown hovers.
var clientCapabilities = map[string]any{
	"general": map[string]any{"positionEncodings": []string{"utf-16"}},
	"workspace": map[string]any{
		"configuration":    true,
		"workspaceFolders": true,
	},
	"textDocument": map[string]any{
		"synchronization":    map[string]any{"didSave": true},
		"publishDiagnostics": map[string]any{"versionSupport": true, "relatedInformation": true},
		"hover":              map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
		"definition":         map[string]any{"linkSupport": false},
	},
	"window": map[string]any{"workDoneProgress": false},
}

// startSession spawns the server and completes initialize/initialized.
func startSession(spec serverSpec, root string) (*session, error) {
	stderr := &lockedBuffer{}
	c, err := lspclient.Start(spec.Argv, root, nil, stderr)
	if err != nil {
		return nil, err
	}
	s := &session{spec: spec, c: c, root: root, stderr: stderr, open: map[string]int{}}
	rootURI := pathing.PathToURI(root)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	params := map[string]any{
		"processId":        os.Getpid(),
		"rootUri":          rootURI,
		"rootPath":         root,
		"workspaceFolders": []any{map[string]any{"uri": rootURI, "name": "stdlib"}},
		"capabilities":     clientCapabilities,
		"clientInfo":       map[string]any{"name": "pyward-bench"},
	}
	if err := c.Call(ctx, "initialize", params, nil); err != nil {
		c.Kill()
		return nil, fmt.Errorf("%s: initialize: %w (stderr: %s)", spec.Name, err, tail(stderr.String()))
	}
	if err := c.Notify("initialized", map[string]any{}); err != nil {
		c.Kill()
		return nil, err
	}
	return s, nil
}

func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 600 {
		s = "…" + s[len(s)-600:]
	}
	return s
}

// openFile sends didOpen and returns the document's URI and the diagnostics sequence
// number to wait after.
func (s *session) openFile(path string) (string, int64, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return "", 0, err
	}
	uri := pathing.PathToURI(path)
	seq := s.c.Seq()
	s.open[uri] = 1
	err = s.c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "python", "version": 1, "text": string(text),
	}})
	return uri, seq, err
}

func (s *session) closeFile(uri string) {
	delete(s.open, uri)
	_ = s.c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// waitDiagnostics waits (up to timeout) for diagnostics of uri after seq.
func (s *session) waitDiagnostics(uri string, seq int64, version int, timeout time.Duration) (lspclient.Diagnostics, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return s.c.WaitDiagnostics(ctx, uri, seq, version)
}

// request sends one request at a site and returns its latency and how many results
// it had (locations for definition, 1 for a non-empty hover).
func (s *session) request(method string, st site, timeout time.Duration) (time.Duration, int, error) {
	d, n, _, err := s.requestTarget(method, st, timeout)
	return d, n, err
}

// requestTarget is request that also returns the file of the first location in a
// definition result ("" when there is none).
func (s *session) requestTarget(method string, st site, timeout time.Duration) (time.Duration, int, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	params := map[string]any{
		"textDocument": map[string]any{"uri": pathing.PathToURI(st.File)},
		"position":     map[string]any{"line": st.Line, "character": st.Col},
	}
	start := time.Now()
	raw, err := s.c.CallRaw(ctx, method, params)
	d := time.Since(start)
	if err != nil {
		return d, 0, "", err
	}
	return d, countResults(raw), firstTarget(raw), nil
}

// firstTarget returns the path of the first Location or LocationLink of a definition
// result, or "".
func firstTarget(raw json.RawMessage) string {
	type loc struct {
		URI       string `json:"uri"`
		TargetURI string `json:"targetUri"`
	}
	var one loc
	var many []loc
	if json.Unmarshal(raw, &many) == nil && len(many) > 0 {
		one = many[0]
	} else if json.Unmarshal(raw, &one) != nil {
		return ""
	}
	uri := one.URI
	if uri == "" {
		uri = one.TargetURI
	}
	if p, err := pathing.URIToPath(uri); err == nil {
		return p
	}
	return uri
}

// countResults counts Locations/LocationLinks in a definition result, or 1 for a hover
// with contents.
func countResults(raw json.RawMessage) int {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" || string(t) == "[]" {
		return 0
	}
	if t[0] == '[' {
		var list []json.RawMessage
		if json.Unmarshal(t, &list) == nil {
			return len(list)
		}
		return 0
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(t, &obj) != nil {
		return 0
	}
	if c, ok := obj["contents"]; ok { // a hover
		ct := strings.TrimSpace(string(c))
		if ct == `""` || ct == "[]" || ct == "null" || strings.Contains(ct, `"value":""`) {
			return 0
		}
		return 1
	}
	return 1 // a single Location
}

// stop shuts the server down politely, killing it when it does not go.
func (s *session) stop() {
	if _, err := s.c.Shutdown(15 * time.Second); err != nil {
		logf("%s: shutdown: %v", s.spec.Name, err)
		s.c.Kill()
	}
}
