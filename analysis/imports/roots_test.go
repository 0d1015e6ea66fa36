package imports

import (
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// A script in a folder that is not a package imports its neighbours (its folder is
// sys.path[0] when it runs): what they define is found, what they lack is reported; a
// module in a package does not see them.
func TestScriptImportsItsNeighbours(t *testing.T) {
	fsys := pathing.NewMemFS(pathing.Posix)
	if err := fsys.AddTree(map[string]string{
		"/proj/app/__init__.py":   "",
		"/proj/tools/helper.py":   "X = 1\n",
		"/proj/tools/run.py":      "from helper import X\nfrom helper import nothing_here\n",
		"/proj/app/tools_user.py": "from helper import nothing_here\n",
	}); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(fsys, pathing.Posix)
	ix.SetRoots([]string{"/proj"})
	problems := func(path string) []string {
		src, _ := fsys.ReadFile(path)
		tree, err := syntax.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		f := &analysis.File{Path: path, Module: analysis.Build(tree)}
		var out []string
		for _, imp := range f.Module.Imports {
			for _, p := range Problems(ix, f, imp) {
				out = append(out, p.Msg)
			}
		}
		return out
	}
	want := "cannot import name 'nothing_here' from 'helper' (/proj/tools/helper.py)"
	if got := problems("/proj/tools/run.py"); len(got) != 1 || got[0] != want {
		t.Errorf("tools/run.py: %q, want only %q", got, want)
	}
	// app/ is a package: its package root is /proj, where there is no helper (and an
	// unknown top-level module may be installed somewhere pyward does not look).
	if got := problems("/proj/app/tools_user.py"); len(got) != 0 {
		t.Errorf("app/tools_user.py: %q, want nothing", got)
	}
}
