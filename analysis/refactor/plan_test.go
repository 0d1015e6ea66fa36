package refactor

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

// apply returns the texts of the files the plan edits, after the edits.
func apply(plan *Plan) map[string]string {
	out := map[string]string{}
	for _, fe := range plan.Files {
		src := fe.Module.Tree.Src
		var b strings.Builder
		at := uint32(0)
		for _, e := range fe.Edits {
			b.Write(src[at:e.Span.Start])
			b.WriteString(e.Text)
			at = e.Span.End
		}
		b.Write(src[at:])
		out[fe.Path] = b.String()
	}
	return out
}

// The CPython oracle (server/rename_oracle_test.go with testdata/rename/gen.py) proves
// the rewrites on real trees; these cases pin the spelling of each form.
func TestPlanMoves(t *testing.T) {
	tests := []struct {
		name  string
		tree  map[string]string
		moves []Move
		want  map[string]string // edited files, after the edits
		stubs []Move
		why   string // a substring of the reason, when declined
	}{
		{
			name: "a renamed submodule keeps its bound name",
			tree: map[string]string{
				"/ws/pkg/__init__.py": "",
				"/ws/pkg/a.py":        "def f(): pass\n",
				"/ws/main.py":         "from pkg import a\nimport pkg.a\nfrom pkg.a import f\npkg.a.f()\n",
			},
			moves: []Move{{"/ws/pkg/a.py", "/ws/pkg/b.py"}},
			want: map[string]string{
				"/ws/main.py": "from pkg import b as a\nimport pkg.b\nfrom pkg.b import f\npkg.b.f()\n",
			},
		},
		{
			name: "relative imports of a moved file are recomputed, absolute beyond the top",
			tree: map[string]string{
				"/ws/pkg/__init__.py":     "",
				"/ws/pkg/x.py":            "X = 1\n",
				"/ws/pkg/sub/__init__.py": "",
				"/ws/pkg/sub/m.py":        "from ..x import X\nfrom . import n\n",
				"/ws/pkg/sub/n.py":        "",
			},
			moves: []Move{{"/ws/pkg/sub/m.py", "/ws/m.py"}},
			want: map[string]string{
				"/ws/pkg/sub/m.py": "from pkg.x import X\nfrom pkg.sub import n\n",
			},
		},
		{
			name: "a folder rename rewrites importers and keeps inner relative imports",
			tree: map[string]string{
				"/ws/old/__init__.py": "from .core import run\n",
				"/ws/old/core.py":     "def run(): pass\n",
				"/ws/app.py":          "import old.core as c\nfrom old import run\n",
			},
			moves: []Move{{"/ws/old", "/ws/new"}},
			want: map[string]string{
				"/ws/app.py": "import new.core as c\nfrom new import run\n",
			},
		},
		{
			name: "names that now come from two places split the statement",
			tree: map[string]string{
				"/ws/pkg/__init__.py": "",
				"/ws/pkg/a.py":        "",
				"/ws/pkg/b.py":        "",
				"/ws/pkg/c.py":        "from . import a, b\n",
				"/ws/lib/__init__.py": "",
			},
			moves: []Move{{"/ws/pkg/b.py", "/ws/lib/b.py"}},
			want: map[string]string{
				"/ws/pkg/c.py": "from . import a; from lib import b\n",
			},
		},
		{
			name: "a renamed top-level package keeps the name `import j` binds",
			tree: map[string]string{
				"/ws/j/__init__.py": "X = 1\n",
				"/ws/j/sub.py":      "",
				"/ws/main.py":       "import j\nimport j.sub\nprint(j.X, j.sub)\n",
			},
			moves: []Move{{"/ws/j", "/ws/k"}},
			want: map[string]string{
				"/ws/main.py": "import k as j\nimport k.sub\nprint(j.X, j.sub)\n",
			},
		},
		{
			name: "a stub moves with its source",
			tree: map[string]string{
				"/ws/pkg/__init__.py": "",
				"/ws/pkg/a.py":        "",
				"/ws/pkg/a.pyi":       "",
				"/ws/main.py":         "import pkg.a as a\n",
			},
			moves: []Move{{"/ws/pkg/a.py", "/ws/pkg/b.py"}},
			want:  map[string]string{"/ws/main.py": "import pkg.b as a\n"},
			stubs: []Move{{"/ws/pkg/a.pyi", "/ws/pkg/b.pyi"}},
		},
		{
			name: "a dynamic import of the moved module declines",
			tree: map[string]string{
				"/ws/pkg/__init__.py": "",
				"/ws/pkg/a.py":        "",
				"/ws/main.py":         "import importlib\nm = importlib.import_module(\"pkg.a\")\n",
			},
			moves: []Move{{"/ws/pkg/a.py", "/ws/pkg/b.py"}},
			why:   `the string "pkg.a" names the moved module`,
		},
		{
			name:  "moves out of the workspace decline",
			tree:  map[string]string{"/ws/a.py": "", "/elsewhere/": ""},
			moves: []Move{{"/ws/a.py", "/elsewhere/a.py"}},
			why:   "only moves inside the workspace folders",
		},
		{
			name: "a new name that another module holds declines",
			tree: map[string]string{
				"/ws/pkg/__init__.py":   "",
				"/ws/pkg/a.py":          "",
				"/ws/pkg/b/__init__.py": "",
				"/ws/main.py":           "import pkg.a\n",
			},
			moves: []Move{{"/ws/pkg/a.py", "/ws/pkg/b.py"}},
			why:   "already names",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := pathing.NewMemFS(pathing.Posix)
			if err := fsys.AddTree(tt.tree); err != nil {
				t.Fatal(err)
			}
			ix := analysis.NewIndex(fsys, pathing.Posix)
			ix.SetRoots([]string{"/ws"})
			plan, err := PlanMoves(context.Background(), ix, Workspace{Folders: []string{"/ws"}}, tt.moves)
			var d *Declined
			if tt.why != "" {
				if !errors.As(err, &d) || !strings.Contains(d.Reason, tt.why) {
					t.Fatalf("got %v, %v; want declined with %q", plan, err, tt.why)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := apply(plan)
			if len(got) != len(tt.want) {
				t.Errorf("edited %d files, want %d: %v", len(got), len(tt.want), keys(got))
			}
			for p, w := range tt.want {
				if got[p] != w {
					t.Errorf("%s:\n got %q\nwant %q", p, got[p], w)
				}
			}
			if len(plan.StubMoves) != len(tt.stubs) || len(tt.stubs) > 0 && plan.StubMoves[0] != tt.stubs[0] {
				t.Errorf("stub moves %v, want %v", plan.StubMoves, tt.stubs)
			}
		})
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestRelative(t *testing.T) {
	tests := []struct {
		pkg, target, want string
		ok                bool
	}{
		{"a.b", "a.b", ".", true},
		{"a.b", "a.b.c", ".c", true},
		{"a.b", "a.c", "..c", true},
		{"a.b.c", "a", "...", true},
		{"a", "b", "", false},
		{"", "a", "", false},
	}
	for _, tt := range tests {
		got, ok := relative(tt.pkg, tt.target)
		if got != tt.want || ok != tt.ok {
			t.Errorf("relative(%q, %q) = %q, %v; want %q, %v", tt.pkg, tt.target, got, ok, tt.want, tt.ok)
		}
	}
}
