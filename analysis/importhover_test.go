package analysis

import (
	"strings"
	"testing"

	"github.com/pyward/pyward/pathing"
)

func TestImportHover(t *testing.T) {
	// positions in testdata/imports/ws/app/user.py (1-based line, byte column)
	cases := []struct {
		line, col int
		want      []string // substrings of the plain text; nil: no hover
	}{
		{5, 5, []string{"package app", "File: app/__init__.py"}},                              // the dot
		{5, 7, []string{"package app.core", "File: app/core/__init__.py"}},                    // core
		{5, 13, []string{"module app.core.impl", "File: app/core/impl.py"}},                   // impl
		{4, 19, []string{"function thing", "Defined in app/core/impl.py:5", "app.core.impl"}}, // re-exported name
		{6, 27, []string{"module app.core.only_sub", "File: app/core/only_sub.py"}},           // a name that is a submodule
		{10, 15, []string{"module app.beside.typed", "File: app/beside/typed.py", "Stub: app/beside/typed.pyi"}},
		{16, 6, []string{"namespace package nsp", "Folder: nsp"}},
		{19, 6, []string{"package srcpkg", "File: src/srcpkg/__init__.py"}}, // relative to the workspace, not src/
		{14, 25, []string{"module app.core.util"}},                          // the alias cu
		{9, 27, []string{"module app.core.starsrc"}},                        // the star
		{24, 1, nil}, // thing() below the imports: not an import
	}
	for _, env := range []importEnv{
		memImportEnv(t, pathing.Posix, "/home/dev/ws"),
		memImportEnv(t, pathing.NT, `C:\Users\Dev\ws`),
	} {
		t.Run(env.name, func(t *testing.T) {
			f := openImportFile(t, env.ix, env.toPath("app/user.py"))
			for _, c := range cases {
				off := f.Module.Lines.LineStart(c.line-1) + uint32(c.col)
				h, ok := ImportHover(env.ix, f, off)
				if c.want == nil {
					if ok {
						t.Errorf("%d:%d: hover %q, want none", c.line, c.col, h.Plain)
					}
					continue
				}
				if !ok {
					t.Errorf("%d:%d: no hover, want %q", c.line, c.col, c.want)
					continue
				}
				if !(h.Span.Start <= off && off <= h.Span.End) {
					t.Errorf("%d:%d: hover span %v does not cover the cursor", c.line, c.col, h.Span)
				}
				for _, w := range c.want {
					if env.flavour.IsNT() {
						w = strings.ReplaceAll(w, "/", `\`)
					}
					if !strings.Contains(h.Plain, w) {
						t.Errorf("%d:%d: hover %q lacks %q", c.line, c.col, h.Plain, w)
					}
				}
				if !strings.Contains(h.Markdown, "```") {
					t.Errorf("%d:%d: markdown %q", c.line, c.col, h.Markdown)
				}
			}
		})
	}
}

// TestImportHoverInstalled checks that a module of the installed Python is shown
// relative to the sys.path folder that holds it.
func TestImportHoverInstalled(t *testing.T) {
	env := osImportEnv(t)
	if env.stdlib == "" {
		t.Skip("python3 is not on PATH")
	}
	f := openImportFile(t, env.ix, env.toPath("app/user.py"))
	off := f.Module.Lines.LineStart(19) + 8 // `json` of `import json.decoder`
	h, ok := ImportHover(env.ix, f, off)
	if !ok || !strings.Contains(h.Plain, "File: json/__init__.py (in ") {
		t.Errorf("hover on json: %q, %v", h.Plain, ok)
	}
}

// TestDisplayPath checks how files are named for people with the roots the server
// sets: src/ first, then the workspace folder, then the interpreter's folders.
func TestDisplayPath(t *testing.T) {
	ix := NewIndex(pathing.NewMemFS(pathing.Posix), pathing.Posix)
	ix.SetRoots([]string{"/ws/src", "/ws", "/usr/lib/python3.11", "/usr/lib/python3.11/site-packages", "/other"})
	for path, want := range map[string]string{
		"/ws/src/pkg/m.py":                       "src/pkg/m.py",
		"/ws/app/m.py":                           "app/m.py",
		"/usr/lib/python3.11/json/__init__.py":   "json/__init__.py (in /usr/lib/python3.11)",
		"/usr/lib/python3.11/site-packages/x.py": "site-packages/x.py (in /usr/lib/python3.11)",
		"/other/o.py":                            "o.py (in /other)",
		"/elsewhere/e.py":                        "/elsewhere/e.py",
	} {
		if got := ix.DisplayPath(path); got != want {
			t.Errorf("DisplayPath(%q) = %q, want %q", path, got, want)
		}
	}
	nt := NewIndex(pathing.NewMemFS(pathing.NT), pathing.NT)
	nt.SetRoots([]string{`c:\ws\src`, `C:\WS`})
	if got, want := nt.DisplayPath(`C:\ws\app\m.py`), `app\m.py`; got != want {
		t.Errorf("NT: DisplayPath = %q, want %q", got, want)
	}
}
