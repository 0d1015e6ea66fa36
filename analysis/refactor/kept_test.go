package refactor

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// What a Scanner keeps between plans (presentCache) must never outlive the state it
// was learnt in: each case plans a move, changes the workspace as the server hears of
// it (a file created on disk and Index.Invalidate, or an open buffer edited), and
// plans the same move again with the same Scanner, which must see the change.
func TestKeptBetweenPlans(t *testing.T) {
	setOpen := func(ix *analysis.Index, path, src string) {
		tree, err := syntax.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		ix.SetOpen(path, &analysis.File{Path: path, Module: analysis.Build(tree)})
	}
	tests := []struct {
		name   string
		tree   map[string]string
		move   Move
		first  map[string]string // edited files of the first plan, after the edits
		change func(fsys *pathing.MemFS, ix *analysis.Index)
		second map[string]string
		why    string // a substring of the second plan's reason, when it declines
	}{
		{
			// A package pkg/a/ takes precedence over pkg/a.py: once it exists,
			// `import pkg.a` no longer binds the moved module (resolutions kept).
			name: "a file created on disk changes what an import resolves to",
			tree: map[string]string{
				"/ws/pkg/__init__.py": "",
				"/ws/pkg/a.py":        "",
				"/ws/main.py":         "import pkg.a\n",
			},
			move:  Move{"/ws/pkg/a.py", "/ws/pkg/b.py"},
			first: map[string]string{"/ws/main.py": "import pkg.b\n"},
			change: func(fsys *pathing.MemFS, ix *analysis.Index) {
				if err := fsys.WriteFile("/ws/pkg/a/__init__.py", nil); err != nil {
					t.Fatal(err)
				}
				ix.Invalidate("/ws/pkg/a") // the folder appeared (and its parent listing changed)
				ix.Invalidate("/ws/pkg/a/__init__.py")
			},
			second: map[string]string{},
		},
		{
			// Moving engine out of core makes main.py's import stop running
			// core/__init__.py; once that imports main back (an edit of an open
			// buffer, which the resolver does not hear of), they form a cycle and the
			// move declines (load-time imports kept).
			name: "an open buffer's edit changes what a module imports at load time",
			tree: map[string]string{
				"/ws/app/__init__.py":      "",
				"/ws/app/core/__init__.py": "import os\n",
				"/ws/app/core/engine.py":   "",
				"/ws/app/main.py":          "from .core import engine\n",
			},
			move:  Move{"/ws/app/core/engine.py", "/ws/app/engine.py"},
			first: map[string]string{"/ws/app/main.py": "from . import engine\n"},
			change: func(fsys *pathing.MemFS, ix *analysis.Index) {
				setOpen(ix, "/ws/app/core/__init__.py", "from app import main\n")
			},
			why: "import cycle",
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
			ws := Workspace{Folders: []string{"/ws"}, Scanner: NewScanner()}
			plan, err := PlanMoves(context.Background(), ix, ws, []Move{tt.move})
			if err != nil {
				t.Fatalf("first plan: %v", err)
			}
			if got := apply(plan); !sameTexts(got, tt.first) {
				t.Fatalf("first plan: %q, want %q", got, tt.first)
			}
			tt.change(fsys, ix)
			plan, err = PlanMoves(context.Background(), ix, ws, []Move{tt.move})
			var declined *Declined
			if tt.why != "" {
				if !errors.As(err, &declined) || !strings.Contains(declined.Reason, tt.why) {
					t.Fatalf("second plan: %v, want a decline saying %q", err, tt.why)
				}
				return
			}
			if err != nil {
				t.Fatalf("second plan: %v", err)
			}
			if got := apply(plan); !sameTexts(got, tt.second) {
				t.Fatalf("second plan: %q, want %q", got, tt.second)
			}
		})
	}
}

func sameTexts(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
