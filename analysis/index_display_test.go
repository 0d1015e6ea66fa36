package analysis

import (
	"testing"

	"github.com/pyward/pyward/pathing"
)

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
