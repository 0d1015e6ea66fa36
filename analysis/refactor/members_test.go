package refactor

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/pathing"
)

func TestMemberReferences(t *testing.T) {
	tree := map[string]string{
		"/ws/a.py": "class C:\n    __x = 1\n    def m(self):\n        return self.__x, self._p\n    _p = 2\n" +
			"class D(C):\n    def n(self):\n        return self._p, self.__x\nprint(C._C__x, C._p)\n",
		"/ws/b.py": "class C:\n    def k(self, other):\n        return self.__x, other._p\n",
	}
	fsys := pathing.NewMemFS(pathing.Posix)
	if err := fsys.AddTree(tree); err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(fsys, pathing.Posix)
	ix.SetRoots([]string{"/ws"})
	m, err := ix.Module("/ws/a.py")
	if err != nil {
		t.Fatal(err)
	}
	src := string(m.Tree.Src)
	tests := []struct {
		at   string // the cursor is on the name after this text
		want string
	}{
		// _C__x: C's __x in a.py and in b.py's class C (mangled by name), and the
		// spelled-out _C__x; D's self.__x is _D__x.
		{"return self.", "/ws/a.py:2 /ws/a.py:4 /ws/a.py:9 /ws/b.py:3"},
		{"print(C.", "/ws/a.py:2 /ws/a.py:4 /ws/a.py:9 /ws/b.py:3"},
		// _p of C: self._p in C and in D(C), the binding in C's body, C._p; not
		// other._p (its class is not stated).
		{"return self.__x, self.", "/ws/a.py:4 /ws/a.py:5 /ws/a.py:8 /ws/a.py:9"},
	}
	for _, tt := range tests {
		i := strings.Index(src, tt.at)
		if i < 0 {
			t.Fatalf("no %q", tt.at)
		}
		refs, ok, err := MemberReferences(context.Background(), ix, Workspace{Folders: []string{"/ws"}}, &analysis.File{Path: "/ws/a.py", Module: m}, uint32(i+len(tt.at)+1))
		if err != nil || !ok {
			t.Fatalf("%q: %v %v", tt.at, ok, err)
		}
		var got []string
		for _, r := range refs {
			got = append(got, fmt.Sprintf("%s:%d", r.Path, r.Module.Lines.Position(r.Span.Start, analysis.UTF8).Line+1))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q: got %v, want %s", tt.at, got, tt.want)
		}
	}
}
