package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

func TestPrivateModuleImportFixtures(t *testing.T) {
	res := runFixtures(t, "private-module-import", underscoreRules...)
	// The messages of the package case: a submodule imported from its package ("from .
	// import _impl") is private to the package, a name from a module to the module.
	var got []string
	for _, d := range res["package/"].Diags["pkg/user.py"] {
		if d.Rule == "private-module-import" {
			got = append(got, fmt.Sprintf("%d: %s", d.Span.Start, d.Message))
		}
	}
	sort.Strings(got)
	want := []string{
		"14: '_impl' is private to package 'pkg'; importing it from another module works, but relies on an implementation detail that may change",
		"161: '_helper' is private to module 'pkg._impl'; using it from another module works, but relies on an implementation detail that may change",
		"72: '_helper' is private to module 'pkg._impl'; importing it from another module works, but relies on an implementation detail that may change",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("messages of package/pkg/user.py:\n%q\nwant:\n%q", got, want)
	}
}

// Messages name modules by their absolute dotted names, as CPython does: never the
// relative spelling '.models' nor a local alias.
func TestPrivateModuleImportNamesRealModules(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"app/__init__.py":             "",
		"app/privacy/__init__.py":     "",
		"app/privacy/models.py":       "def _helper():\n    return 1\n",
		"app/privacy/views.py":        "from .models import _helper\nfrom . import models as m\n\nm._helper()\n",
		"app/privacy/sub/__init__.py": "",
		"app/privacy/sub/deep.py":     "from ..models import _helper\nfrom .. import _private_pkg_name\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := analysis.NewIndex(pathing.OSFS, pathing.Host)
	ix.SetRoots([]string{dir})
	cfg := analysis.DefaultConfig().Only("private-module-import")
	got := map[string][]string{}
	for _, rel := range []string{"app/privacy/views.py", "app/privacy/sub/deep.py"} {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		src, _ := os.ReadFile(p)
		tree, err := syntax.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		f := &analysis.File{Path: p, Module: analysis.Build(tree)}
		for _, d := range analysis.Check(context.Background(), f, ix, cfg) {
			got[rel] = append(got[rel], d.Message[:strings.Index(d.Message, ";")])
		}
	}
	want := map[string][]string{
		"app/privacy/views.py": {
			"'_helper' is private to module 'app.privacy.models'",
			"'_helper' is private to module 'app.privacy.models'",
		},
		"app/privacy/sub/deep.py": {
			"'_helper' is private to module 'app.privacy.models'",
			"'_private_pkg_name' is private to package 'app.privacy'",
		},
	}
	for rel, w := range want {
		if strings.Join(got[rel], "\n") != strings.Join(w, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", rel, got[rel], w)
		}
	}
}

// TestPrivateModuleImportLeavesPlainImports: the rule judges names taken from a module
// (`from m import _x`); a plain `import` of a private module is not its finding.
func TestPrivateModuleImportLeavesPlainImports(t *testing.T) {
	for _, src := range []string{"import _thread\n", "import a._b\n", "import _m as m\n", "from __future__ import annotations\n"} {
		if ds := checkSource(t, "private-module-import", "/w/a.py", src, analysis.DefaultConfig(), false); len(ds) != 0 {
			t.Errorf("%q: want no finding, got %+v", src, ds)
		}
	}
}
