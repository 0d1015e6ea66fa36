package exclude

import "testing"

func TestExcluded(t *testing.T) {
	tests := []struct {
		globs []string
		path  string
		want  bool
	}{
		{Default, "/p/.venv/lib/x.py", true},
		{Default, "/p/lib/python3.11/site-packages/a/b.py", true},
		{Default, "/p/src/.git", true},
		{Default, "/p/src/app.py", false},
		{Default, "/p/venvs/app.py", false},
		{[]string{"build"}, "/p/a/build/x.py", true},
		{[]string{"build"}, "/p/a/builder/x.py", false},
		{[]string{"*_pb2.py"}, "/p/a/m_pb2.py", true},
		{[]string{"*_pb2.py"}, "/p/a/m_pb2.pyi", false},
		{[]string{"src/gen/**"}, "/p/src/gen/a/b.py", true},
		{[]string{"src/gen/**"}, "/p/lib/src/gen/a.py", false},
		{[]string{"/docs"}, "/p/docs/conf.py", true},
		{[]string{"/docs"}, "/p/a/docs/conf.py", false},
		{[]string{"**/migrations"}, "/p/a/b/migrations/0001.py", true},
		{[]string{"**/migrations"}, "/p/migrations/0001.py", true},
		{[]string{"a/*.py"}, "/p/a/x.py", true},
		{[]string{"a/*.py"}, "/p/a/b/x.py", false},
		{[]string{"te?ts"}, "/p/tests/x.py", true},
		{[]string{"[ab]/x.py"}, "/p/b/x.py", true},
		{[]string{"[ab]/x.py"}, "/p/c/x.py", false},
		{[]string{"a.b/c"}, "/p/axb/c", false},
		{nil, "/p/.git/x", false},
		{[]string{"x"}, "/elsewhere/x", true},
	}
	for _, tt := range tests {
		m, err := New("/p", tt.globs)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Excluded(tt.path); got != tt.want {
			t.Errorf("globs %q: Excluded(%q) = %v, want %v", tt.globs, tt.path, got, tt.want)
		}
	}
}

func TestExcludedEntry(t *testing.T) {
	m, err := New("/p", []string{"build", "src/gen"})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{"/p/build": true, "/p/src/gen": true, "/p/src": false, "/p/x/src/gen": false} {
		if got := m.ExcludedEntry(p); got != want {
			t.Errorf("ExcludedEntry(%q) = %v, want %v", p, got, want)
		}
	}
	var none *Matcher
	if none.Excluded("/p/x") || none.ExcludedEntry("/p/x") {
		t.Error("a nil matcher excludes nothing")
	}
}

func TestInvalid(t *testing.T) {
	for _, g := range []string{"", "  ", "a[", "[z-a"} {
		if _, err := New("/p", []string{g}); err == nil {
			t.Errorf("New(%q): no error", g)
		}
	}
}

// FuzzExclude: any glob is either refused by New or matches without panicking.
func FuzzExclude(f *testing.F) {
	for _, g := range []string{"build", "src/gen/**", "[]a]/x", "a/[^b]", `a/\*`, "**/", "/", "[a-", "x/[\\]"} {
		f.Add(g, "/p/a/b/c.py")
	}
	f.Fuzz(func(t *testing.T, glob, p string) {
		m, err := New("/p", []string{glob})
		if err != nil {
			if Valid(glob) == nil {
				t.Fatalf("New refused %q, which Valid accepts: %v", glob, err)
			}
			return
		}
		m.Excluded(p)
		m.ExcludedEntry(p)
	})
}
