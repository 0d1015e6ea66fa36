package server

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/pyward/pyward/internal/nobody"
	"github.com/pyward/pyward/pathing"
)

// Hostile inputs: each test gives the server something nasty on disk or on the wire
// and checks that it answers every request within a bound, publishes diagnostics,
// logs instead of panicking, and keeps answering afterwards.

// hostileBound is the longest any one answer may take.
const hostileBound = 60 * time.Second

type hostile struct {
	*testClient
	logs *observer.ObservedLogs
	root string
}

func newHostile(t *testing.T, fsys pathing.FS, root string) *hostile {
	t.Helper()
	core, logs := observer.New(zapcore.DebugLevel)
	c := newTestClient(t, Options{FS: fsys, Logger: zap.New(core)})
	c.initialize(map[string]any{"rootUri": pathing.PathToURI(root), "capabilities": map[string]any{}})
	h := &hostile{testClient: c, logs: logs, root: root}
	t.Cleanup(func() {
		for _, e := range logs.All() {
			if strings.Contains(e.Message, "panicked") {
				t.Errorf("the server logged a panic: %s %v", e.Message, e.ContextMap())
			}
		}
		if t.Failed() {
			for _, e := range logs.All() {
				t.Logf("server log: %s %s %v", e.Level, e.Message, e.ContextMap())
			}
		}
	})
	return h
}

// answer sends a request and requires a reply (a result or an error other than an
// internal one) within hostileBound.
func (h *hostile) answer(method string, params any) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileBound)
	defer cancel()
	start := time.Now()
	var res any
	_, err := h.conn.Call(ctx, method, params, &res)
	if ctx.Err() != nil {
		h.t.Fatalf("%s got no answer within %v", method, hostileBound)
	}
	if err != nil && rpcCode(err) == jsonrpc2.InternalError {
		h.t.Fatalf("%s: internal error: %v", method, err)
	}
	h.t.Logf("%s answered in %v (error: %v)", method, time.Since(start).Round(time.Microsecond), err)
}

// diagnostics waits up to hostileBound for the diagnostics of uri at version.
func (h *hostile) diagnostics(uri string, version int) *protocol.PublishDiagnosticsParams {
	h.t.Helper()
	start := time.Now()
	deadline := time.Now().Add(hostileBound)
	for {
		h.mu.Lock()
		for _, p := range h.diags[protocol.DocumentURI(uri)] {
			if int(p.Version) == version {
				h.mu.Unlock()
				h.t.Logf("diagnostics of %s v%d after %v: %d", filepath.Base(uri), version, time.Since(start).Round(time.Millisecond), len(p.Diagnostics))
				return p
			}
		}
		h.mu.Unlock()
		if time.Now().After(deadline) {
			h.t.Fatalf("no diagnostics for %s version %d within %v", uri, version, hostileBound)
		}
		select {
		case <-h.notify:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (h *hostile) openText(path, text string) string {
	uri := pathing.PathToURI(path)
	h.open(uri, text)
	return uri
}

func position(line, char int) map[string]any { return map[string]any{"line": line, "character": char} }

// probe asks hover, definition and code actions at a position of uri, then makes a
// one-character edit and waits for its diagnostics: the document stays usable.
func (h *hostile) probe(uri string, line, char, nextVersion int) {
	h.t.Helper()
	td := map[string]any{"uri": uri}
	h.answer("textDocument/hover", map[string]any{"textDocument": td, "position": position(line, char)})
	h.answer("textDocument/definition", map[string]any{"textDocument": td, "position": position(line, char)})
	h.answer("textDocument/codeAction", map[string]any{"textDocument": td, "range": rng(0, 0, line, char), "context": map[string]any{"diagnostics": []any{}}})
	h.send("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": nextVersion},
		"contentChanges": []any{map[string]any{"range": rng(0, 0, 0, 0), "text": "#"}},
	})
	h.diagnostics(uri, nextVersion)
}

func writeFiles(t *testing.T, root string, files map[string][]byte) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostileHugeFile: a 10 MB module, opened in the editor and imported from disk.
func TestHostileHugeFile(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 10<<20; i++ {
		fmt.Fprintf(&b, "def f%d(x):\n    '''doc'''\n    return x + %d  # 😀\n\n", i, i)
	}
	huge := b.String()
	root := t.TempDir()
	writeFiles(t, root, map[string][]byte{
		"pkg/__init__.py": nil,
		"pkg/huge.py":     []byte(huge),
		"pkg/user.py":     []byte("from .huge import f1, f99999\nfrom . import huge\nhuge.f2(1)\n"),
	})
	h := newHostile(t, pathing.OSFS, root)
	user := h.openText(filepath.Join(root, "pkg", "user.py"), "from .huge import f1, f99999\nfrom . import huge\nhuge.f2(1)\n")
	h.diagnostics(user, 1)
	h.answer("textDocument/definition", map[string]any{"textDocument": map[string]any{"uri": user}, "position": position(0, 19)})
	uri := h.openText(filepath.Join(root, "pkg", "huge.py"), huge)
	h.diagnostics(uri, 1)
	h.probe(uri, 120000, 6, 2)
}

// TestHostileDeepNesting: 1,000-deep brackets (closed and not), calls, subscripts,
// indented blocks and lambdas.
func TestHostileDeepNesting(t *testing.T) {
	const depth = 1000
	var blocks strings.Builder
	for i := 0; i < depth; i++ {
		blocks.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	blocks.WriteString(strings.Repeat(" ", depth) + "pass\n")
	cases := map[string]string{
		"parens.py":      "x = " + strings.Repeat("(", depth) + "1" + strings.Repeat(")", depth) + "\n",
		"unclosed.py":    "x = " + strings.Repeat("[", depth) + "\ny = 2\n",
		"calls.py":       "x = " + strings.Repeat("f(", depth) + strings.Repeat(")", depth) + "\n",
		"subscripts.py":  "x = a" + strings.Repeat("[0", depth) + strings.Repeat("]", depth) + "\n",
		"blocks.py":      blocks.String(),
		"lambdas.py":     "x = " + strings.Repeat("lambda: ", depth) + "0\n",
		"attributes.py":  "x = a" + strings.Repeat(".__b", depth) + "\n",
		"mixed.py":       strings.Repeat("{[(", depth/3) + "\n",
		"fstrings.py":    "x = " + strings.Repeat("f'{", 50) + "1" + strings.Repeat("}'", 50) + "\n",
		"unary.py":       "x = " + strings.Repeat("-", depth*10) + "1\n",
		"comprehens.py":  "x = " + strings.Repeat("[", depth) + "i" + strings.Repeat(" for i in y]", depth) + "\n",
		"decorators.py":  strings.Repeat("@d\n", depth) + "def f(): pass\n",
		"strings_cat.py": "x = (" + strings.Repeat("'a' ", depth*10) + ")\n",
	}
	root := t.TempDir()
	h := newHostile(t, pathing.OSFS, root)
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			h.t = t
			uri := h.openText(filepath.Join(root, name), text)
			h.diagnostics(uri, 1)
			h.probe(uri, 0, len(text)/2%200, 2)
		})
	}
	h.t = t
}

// TestHostileBinaryFile: random bytes (NULs included) named .py, opened and imported.
func TestHostileBinaryFile(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	data := make([]byte, 256<<10)
	for i := range data {
		data[i] = byte(rng.UintN(256))
	}
	root := t.TempDir()
	user := "from . import blob\nfrom .blob import x, _y\nblob.z\n"
	writeFiles(t, root, map[string][]byte{"pkg/__init__.py": nil, "pkg/blob.py": data, "pkg/user.py": []byte(user)})
	h := newHostile(t, pathing.OSFS, root)
	u := h.openText(filepath.Join(root, "pkg", "user.py"), user)
	h.diagnostics(u, 1)
	h.probe(u, 1, 19, 2)
	// The client sends the file as it decodes it: JSON replaces the invalid bytes.
	b := h.openText(filepath.Join(root, "pkg", "blob.py"), string(data))
	h.diagnostics(b, 1)
	h.probe(b, 100, 3, 2)
}

// TestHostileInvalidUTF8: invalid UTF-8 inside the JSON of a didOpen (written as raw
// bytes on the wire), and a Latin-1 module on disk imported by an open document.
func TestHostileInvalidUTF8(t *testing.T) {
	root := t.TempDir()
	latin1 := []byte("# -*- coding: latin-1 -*-\nx = 'caf\xe9'\ndef f\xe9(): pass\n_y = '\xff\xfe'\n")
	user := "from .latin import x, _y\nfrom . import latin\nlatin.x\n"
	writeFiles(t, root, map[string][]byte{"pkg/__init__.py": nil, "pkg/latin.py": latin1, "pkg/user.py": []byte(user)})
	h := newHostile(t, pathing.OSFS, root)
	u := h.openText(filepath.Join(root, "pkg", "user.py"), user)
	h.diagnostics(u, 1)
	h.probe(u, 0, 19, 2)

	raw := pathing.PathToURI(filepath.Join(root, "pkg", "raw.py"))
	body := []byte(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"` + raw + `","languageId":"python","version":1,"text":"x = '` + "\xff\xfe\xc3\x28\xe2\x82" + `'\n` + "\xed\xa0\x80" + ` = 1\n"}}}`)
	if _, err := fmt.Fprintf(h.raw, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		t.Fatal(err)
	}
	h.diagnostics(raw, 1)
	h.probe(raw, 0, 5, 2)
}

// TestHostileDeletedWhileOpen: an open file and an imported module disappear from disk.
func TestHostileDeletedWhileOpen(t *testing.T) {
	root := t.TempDir()
	user := "from .dep import g\nfrom . import dep\ng()\n"
	writeFiles(t, root, map[string][]byte{
		"pkg/__init__.py": nil,
		"pkg/dep.py":      []byte("async def g(): pass\n"),
		"pkg/user.py":     []byte(user),
	})
	h := newHostile(t, pathing.OSFS, root)
	u := h.openText(filepath.Join(root, "pkg", "user.py"), user)
	h.diagnostics(u, 1)
	for _, rel := range []string{"pkg/dep.py", "pkg/user.py"} {
		if err := os.Remove(filepath.Join(root, rel)); err != nil {
			t.Fatal(err)
		}
	}
	h.send("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": pathing.PathToURI(filepath.Join(root, "pkg", "dep.py")), "type": 3},
		map[string]any{"uri": u, "type": 3},
	}})
	h.probe(u, 0, 7, 2)
	h.send("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": u}})
	h.probe(u, 1, 15, 3)
	h.send("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": u}})
	h.answer("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": u}, "position": position(0, 0)})
	// The whole package folder goes too, while another document importing it is open.
	other := h.openText(filepath.Join(root, "pkg", "other.py"), "from . import dep\n")
	h.diagnostics(other, 1)
	if err := os.RemoveAll(filepath.Join(root, "pkg")); err != nil {
		t.Fatal(err)
	}
	h.send("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{
		map[string]any{"uri": pathing.PathToURI(filepath.Join(root, "pkg")), "type": 3},
	}})
	h.probe(other, 0, 14, 2)
}

// denyFS is the real filesystem except that everything under denied fails with a
// permission error, as a folder without read permission does for a normal user.
type denyFS struct {
	pathing.FS
	denied string
}

func (d denyFS) check(op, name string) error {
	if name == d.denied || strings.HasPrefix(name, d.denied+string(filepath.Separator)) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrPermission}
	}
	return nil
}

func (d denyFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := d.check("open", name); err != nil {
		return nil, err
	}
	return d.FS.ReadDir(name)
}

func (d denyFS) ReadFile(name string) ([]byte, error) {
	if err := d.check("open", name); err != nil {
		return nil, err
	}
	return d.FS.ReadFile(name)
}

func (d denyFS) Stat(name string) (fs.FileInfo, error) {
	// Like a folder with mode 000: its own entry can be stat'ed, what is inside cannot.
	if name != d.denied {
		if err := d.check("stat", name); err != nil {
			return nil, err
		}
	}
	return d.FS.Stat(name)
}

func (d denyFS) Lstat(name string) (fs.FileInfo, error) {
	if name != d.denied {
		if err := d.check("lstat", name); err != nil {
			return nil, err
		}
	}
	return d.FS.Lstat(name)
}

// TestHostileUnreadableFolder: a package whose folder cannot be read.
func TestHostileUnreadableFolder(t *testing.T) {
	user := "from .secret import x\nfrom .secret.mod import y\nfrom . import secret\nsecret.z\n"
	setup := func(t *testing.T) string {
		root := t.TempDir()
		writeFiles(t, root, map[string][]byte{
			"pkg/__init__.py":        nil,
			"pkg/secret/__init__.py": []byte("x = 1\n"),
			"pkg/secret/mod.py":      []byte("y = 2\n"),
		})
		return root
	}
	run := func(t *testing.T, h *hostile, root string) {
		u := h.openText(filepath.Join(root, "pkg", "user.py"), user)
		h.diagnostics(u, 1)
		h.probe(u, 1, 14, 2)
		h.answer("textDocument/definition", map[string]any{"textDocument": map[string]any{"uri": u}, "position": position(0, 20)})
		inside := h.openText(filepath.Join(root, "pkg", "secret", "mod.py"), "from . import x\nfrom .. import secret\n")
		h.diagnostics(inside, 1)
		h.probe(inside, 0, 14, 2)
	}
	t.Run("chmod 000", func(t *testing.T) {
		// chmod 000 does not stop root (CAP_DAC_OVERRIDE): as root, run as nobody.
		if nobody.Rerun(t, "^TestHostileUnreadableFolder$/^chmod_000$") {
			return
		}
		root := setup(t)
		secret := filepath.Join(root, "pkg", "secret")
		if err := os.Chmod(secret, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(secret, 0o755) })
		if _, err := os.ReadDir(secret); err == nil {
			t.Fatal("the folder of mode 000 can still be read")
		}
		run(t, newHostile(t, pathing.OSFS, root), root)
	})
	t.Run("permission errors from the filesystem", func(t *testing.T) {
		root := setup(t)
		fsys := denyFS{FS: pathing.OSFS, denied: filepath.Join(root, "pkg", "secret")}
		run(t, newHostile(t, fsys, root), root)
	})
}

// TestHostileSymlinkLoop: links to themselves, to each other, and to an ancestor, in
// the workspace; a document opened through a looping path.
func TestHostileSymlinkLoop(t *testing.T) {
	root := t.TempDir()
	user := "from .self import x\nfrom .a import y\nfrom .up.pkg.up.pkg import user\nfrom . import up, a, b\nfrom .up.pkg.up.pkg.up.pkg.user import z\n"
	writeFiles(t, root, map[string][]byte{"pkg/__init__.py": nil, "pkg/user.py": []byte(user)})
	for _, l := range [][2]string{{"self", "pkg/self"}, {"b", "pkg/a"}, {"a", "pkg/b"}, {"..", "pkg/up"}, {"self.py", "pkg/self.py"}} {
		if err := os.Symlink(l[0], filepath.Join(root, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	h := newHostile(t, pathing.OSFS, root)
	u := h.openText(filepath.Join(root, "pkg", "user.py"), user)
	h.diagnostics(u, 1)
	for line, char := range map[int]int{0: 7, 1: 7, 2: 10, 3: 15, 4: 30} {
		h.answer("textDocument/definition", map[string]any{"textDocument": map[string]any{"uri": u}, "position": position(line, char)})
		h.answer("textDocument/declaration", map[string]any{"textDocument": map[string]any{"uri": u}, "position": position(line, char)})
	}
	h.probe(u, 2, 12, 2)
	// The same file through the loop.
	looped := h.openText(filepath.Join(root, "pkg", "up", "pkg", "up", "pkg", "user.py"), user)
	h.diagnostics(looped, 1)
	h.probe(looped, 0, 7, 2)
}
