package analysis

import (
	"testing"

	"github.com/pyward/pyward/analysis/syntax"
)

func buildModule(t *testing.T, src string) *Module {
	t.Helper()
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Build(tree)
}

func TestBuildBindingsAndScopes(t *testing.T) {
	m := buildModule(t, `"""Doc."""
from ..bar.biz import (a as b, c)
import os.path as p, sys
__all__ = ["f", "C"] + ["x"]
__all__ += ["y"]
__all__.append("z")

async def f(x, *args, k=1, **kw):
    await g()
    y = [i for i in x]
    return lambda q: q

def gen():
    yield 1

class C(Base, metaclass=M):
    """Class doc."""
    attr = 1
    def m(self):
        self.inst = 2
        global G
        G = 3
`)
	if m.Docstring != "Doc." {
		t.Errorf("module docstring = %q", m.Docstring)
	}
	want := []string{"f", "C", "x", "y", "z"}
	if !m.HasAll || len(m.All) != len(want) {
		t.Fatalf("__all__ = %v (has %v), want %v", m.All, m.HasAll, want)
	}
	for i := range want {
		if m.All[i] != want[i] {
			t.Errorf("__all__[%d] = %q, want %q", i, m.All[i], want[i])
		}
	}
	for _, name := range []string{"b", "c", "p", "sys", "f", "gen", "C", "G", "__all__"} {
		if len(m.TopLevel(name)) == 0 {
			t.Errorf("no module-level binding of %q", name)
		}
	}
	if len(m.TopLevel("a")) != 0 {
		t.Errorf("'a' is imported as 'b' and must not be bound")
	}
	imp := m.Imports[0]
	if !imp.From || imp.Dots != 2 || len(imp.Module) != 2 || imp.Module[1].Name != "biz" || len(imp.Names) != 2 {
		t.Errorf("import parsed wrong: %+v", imp)
	}
	var f, gen *Function
	for _, fn := range m.Functions {
		switch fn.Name {
		case "f":
			f = fn
		case "gen":
			gen = fn
		}
	}
	if f == nil || !f.IsCoroutineFunction() || len(f.Params) != 4 {
		t.Errorf("f = %+v", f)
	}
	if gen == nil || !gen.Generator || gen.Async {
		t.Errorf("gen = %+v", gen)
	}
	c := m.Class("C")
	if c == nil || c.Docstring != "Class doc." || len(c.Bases) != 1 || c.Bases[0].Dotted != "Base" || c.Keywords["metaclass"].Dotted != "M" {
		t.Fatalf("class C = %+v", c)
	}
	for _, mem := range []string{"attr", "m", "inst"} {
		if len(c.Members[mem]) == 0 {
			t.Errorf("class C has no member %q: %v", mem, c.Members)
		}
	}
}

func TestLookupSkipsClassScopes(t *testing.T) {
	m := buildModule(t, "x = 1\nclass C:\n    x = 2\n    def f(self):\n        return x\n")
	var ref *Ref
	for _, r := range m.Refs {
		if r.Name == "x" {
			ref = r
		}
	}
	if ref == nil {
		t.Fatal("no ref to x")
	}
	sc, bs := m.Lookup(ref.Scope, "x")
	if sc != m.Scope || len(bs) != 1 {
		t.Fatalf("x in a method must resolve to the module's x, got scope %+v", sc)
	}
}

func TestScopeOfDefaultsAndDecorators(t *testing.T) {
	m := buildModule(t, "@deco\ndef f(a=default):\n    return body\n")
	scopes := map[string]ScopeKind{}
	for _, r := range m.Refs {
		scopes[r.Name] = m.ScopeOf(r.Node).Kind
	}
	if scopes["deco"] != ModuleScope || scopes["default"] != ModuleScope {
		t.Errorf("decorators and defaults are evaluated in the enclosing scope: %v", scopes)
	}
	if scopes["body"] != FunctionScope {
		t.Errorf("the body is the function's scope: %v", scopes)
	}
}

func TestSuppressions(t *testing.T) {
	cases := []struct {
		comment string
		rule    string
		codes   []string
		want    bool
	}{
		{"# pyward: ignore", "missing-await", nil, true},
		{"# pyward: ignore[missing-await]", "missing-await", nil, true},
		{"# pyward: ignore[missing-await, dangling-task]", "dangling-task", nil, true},
		{"# pyward: ignore[missing-await]", "dangling-task", nil, false},
		{"# noqa", "private-member-access", []string{"SLF001"}, true},
		{"# noqa: SLF001", "private-member-access", []string{"SLF001"}, true},
		{"# noqa: E501", "private-member-access", []string{"SLF001"}, false},
		{"# a comment", "x", nil, false},
		{"# PyWard: IGNORE[missing-await]", "missing-await", nil, true},
		{"# NOQA: slf001", "private-member-access", []string{"SLF001"}, true},
		// lower-casing İ (2 bytes) gives 3 bytes: the rule list must still be read
		{"# İİİİ pyward: ignore[dangling-task]", "missing-await", nil, false},
		{"# İİİİ pyward: ignore[dangling-task]", "dangling-task", nil, true},
		{"# nonoqa", "private-member-access", []string{"SLF001"}, false},
	}
	for _, tc := range cases {
		m := buildModule(t, "x = 1  "+tc.comment+"\n")
		if got := m.Suppressed(0, tc.rule, tc.codes...); got != tc.want {
			t.Errorf("%q suppresses %s: got %v, want %v", tc.comment, tc.rule, got, tc.want)
		}
	}
}
