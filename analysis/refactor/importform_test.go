package refactor

import (
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

func TestSwitchImportForm(t *testing.T) {
	tree := map[string]string{
		"/ws/pkg/__init__.py":     "",
		"/ws/pkg/x.py":            "",
		"/ws/pkg/sub/__init__.py": "",
		"/ws/pkg/sub/m.py":        "from ..x import y\nfrom pkg.sub import z\nfrom os import path\n",
		"/ws/top.py":              "from pkg import x\n",
		"/other/pkg/__init__.py":  "",
		"/other/pkg/x.py":         "",
		"/other/pkg/m.py":         "from .x import y\n",
	}
	tests := []struct {
		file, at string
		want     string // "" when no switch is offered
	}{
		{"/ws/pkg/sub/m.py", "from ..x", "pkg.x"},
		{"/ws/pkg/sub/m.py", "from pkg.sub", "."},
		{"/ws/pkg/sub/m.py", "from os", ""}, // os is not in this package: no relative form
		{"/ws/top.py", "from pkg", ""},      // a top-level module has no package
		{"/other/pkg/m.py", "from .x", ""},  // pkg.x is /ws/pkg/x.py from the roots: another module
	}
	fsys := pathing.NewMemFS(pathing.Posix)
	if err := fsys.AddTree(tree); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(fsys, pathing.Posix)
	ix.SetRoots([]string{"/ws", "/other"})
	for _, tt := range tests {
		m, err := ix.Module(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		src := string(m.Tree.Src)
		i := indexOf(src, tt.at)
		sw, ok := SwitchImportForm(ix, &analysis.File{Path: tt.file, Module: m}, uint32(i+len("from ")))
		got := ""
		if ok {
			got = sw.Text
		}
		if got != tt.want {
			t.Errorf("%s at %q: got %q (%v), want %q", tt.file, tt.at, got, ok, tt.want)
		}
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
