package imports

import (
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// A .pth line in site-packages that installs a sys.meta_path finder (as setuptools'
// distutils-precedence.pth does for distutils) makes the names that finder serves
// unjudgeable; other modules are judged as before.
func TestPthImportHook(t *testing.T) {
	fsys := pathing.NewMemFS(pathing.Posix)
	if err := fsys.AddTree(map[string]string{
		"/stdlib/vendored/__init__.py": "",
		"/stdlib/vendored/version.py":  "class Version: pass\n",
		"/stdlib/plain/__init__.py":    "",
		"/stdlib/plain/version.py":     "class Version: pass\n",
		"/site/precedence.pth":         "import os; enabled = os.environ.get('X', 'local') == 'local'; enabled and __import__('_hack').add_shim(); \n",
		"/site/other.pth":              "# a comment\n/some/folder\n",
		"/site/_hack/__init__.py": "import sys\n\nclass Finder:\n    def find_spec(self, fullname, path, target=None):\n" +
			"        method = getattr(self, 'spec_for_' + fullname, None)\n\n    def spec_for_vendored(self):\n        pass\n\n" +
			"def add_shim():\n    sys.meta_path.insert(0, Finder())\n",
		"/site/app/__init__.py": "",
		"/site/app/m.py":        "from vendored.version import Version, extra\nimport vendored.compat\nfrom plain.version import Version, extra\nimport plain.compat\n",
	}); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(fsys, pathing.Posix)
	ix.SetRoots([]string{"/site", "/stdlib"})
	src, _ := fsys.ReadFile("/site/app/m.py")
	tree, err := syntax.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	f := &analysis.File{Path: "/site/app/m.py", Module: analysis.Build(tree)}
	var got []string
	for _, imp := range f.Module.Imports {
		for _, p := range Problems(ix, f, imp) {
			got = append(got, p.Msg)
		}
	}
	want := []string{
		"cannot import name 'extra' from 'plain.version' (/stdlib/plain/version.py)",
		"No module named 'plain.compat'",
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("problems = %q, want %q", got, want)
	}
}
