package hover

import (
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/dunder"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// dhCursor marks the hover position in test sources: the hover is at the
// byte offset where the marker stands (before the character after it).
const dhCursor = "‸"

// dhFile parses src with its cursor marker removed.
func dhFile(t testing.TB, path, src string) (*analysis.File, uint32) {
	t.Helper()
	off := strings.Index(src, dhCursor)
	if off < 0 {
		t.Fatalf("no cursor %s in %q", dhCursor, src)
	}
	src = strings.Replace(src, dhCursor, "", 1)
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return &analysis.File{Path: path, Module: analysis.Build(tree)}, uint32(off)
}

// dhCase is one hover: where, and what it must show.
type dhCase struct {
	name string
	src  string
	// What the hover shows, at most one of: a catalogue entry (Lookup), a
	// module hook (ModuleLevel), the note for a name outside the catalogue,
	// an operator, a builtin.
	entry, module, unknown string
	op                     string
	unary                  bool
	builtin                string
	// want are substrings of the Markdown, plain of the plain text.
	want, plain []string
	// notWant must not be in the Markdown.
	notWant []string
	// span is the source text the hover describes; "" skips the check.
	span string
	// none: no hover at all.
	none bool
}

func TestDunderHoverSites(t *testing.T) {
	cases := []dhCase{
		// def __x__ in a class, and module hooks
		{name: "def in class", src: "class A:\n    def ‸__len__(self):\n        return 0\n", entry: "__len__", span: "__len__"},
		{name: "cursor at end of name", src: "class A:\n    def __len__‸(self):\n        return 0\n", entry: "__len__", span: "__len__"},
		{name: "async def", src: "class A:\n    async def __aenter__‸(self):\n        return self\n", entry: "__aenter__"},
		{name: "decorated classmethod", src: "class A:\n    @classmethod\n    def __init_subclass__‸(cls, **kw):\n        pass\n", entry: "__init_subclass__"},
		{name: "class __getattr__ is the method", src: "class A:\n    def __get‸attr__(self, name):\n        raise AttributeError(name)\n", entry: "__getattr__"},
		{name: "module __getattr__ is the hook", src: "def __get‸attr__(name):\n    raise AttributeError(name)\n", module: "__getattr__"},
		{name: "module __dir__ is the hook", src: "def ‸__dir__():\n    return []\n", module: "__dir__"},
		{name: "module __getattr__ assigned", src: "def _lazy(name):\n    pass\n‸__getattr__ = _lazy\n", module: "__getattr__"},
		{name: "module __getattr__ called from a function", src: "def __getattr__(name):\n    pass\ndef f():\n    return ‸__getattr__('x')\n", module: "__getattr__"},
		{name: "docstring under a rule", src: "class Vec:\n    def __add‸__(self, other):\n        \"\"\"Adds two vectors, `__add__` style.\n\n        Returns a *new* vector.\n        \"\"\"\n",
			entry: "__add__",
			want:  []string{"\n---\n\n**`Vec.__add__`**\n\nAdds two vectors, `__add__` style.\n\nReturns a \\*new\\* vector.\n"},
			plain: []string{"\n" + dhRulePlain + "\nVec.__add__:\nAdds two vectors, `__add__` style.\n\nReturns a *new* vector.\n"}},
		{name: "no docstring, no rule", src: "class A:\n    def __‸eq__(self, o):\n        return True\n", entry: "__eq__", notWant: []string{"\n---\n"}},
		{name: "unknown dunder def", src: "class A:\n    def __f‸oo__(self):\n        \"\"\"Mine.\"\"\"\n", unknown: "__foo__", want: []string{"not a special name", "**`A.__foo__`**\n\nMine."}},
		{name: "python 2 hook", src: "class A:\n    def __nonzero__‸(self):\n        return True\n", unknown: "__nonzero__", want: []string{"`__bool__`"}},

		// obj.__x__, super().__x__, Class.__x__
		{name: "obj.__dict__", src: "def f(o):\n    return o.__di‸ct__\n", entry: "__dict__", span: "__dict__"},
		{name: "obj.__class__ in an f-string", src: "def f(o):\n    return f\"{o.__class‸__.__name__}\"\n", entry: "__class__"},
		{name: "super().__init__ shows the base's docstring", src: "class Base:\n    def __init__(self, x):\n        \"\"\"Base init.\"\"\"\nclass Sub(Base):\n    def __init__(self):\n        super().__in‸it__(1)\n",
			entry: "__init__", want: []string{"**`Base.__init__`**\n\nBase init."}},
		{name: "super(Sub, self).__init__", src: "class Base:\n    def __init__(self, x):\n        \"\"\"Base init.\"\"\"\nclass Sub(Base):\n    def __init__(self):\n        super(Sub, self).__in‸it__(1)\n",
			entry: "__init__", want: []string{"**`Base.__init__`**"}},
		{name: "super() skips the class itself", src: "class Base:\n    pass\nclass Sub(Base):\n    def __repr__(self):\n        \"\"\"Sub repr.\"\"\"\n        return super().__repr‸__()\n",
			entry: "__repr__", notWant: []string{"Sub repr."}},
		{name: "self.__len__ shows the own method", src: "class A:\n    def __len__(self):\n        \"\"\"Counts.\"\"\"\n        return 0\n    def size(self):\n        return self.__len‸__()\n",
			entry: "__len__", want: []string{"**`A.__len__`**\n\nCounts."}},
		{name: "self inside a lambda in a method", src: "class A:\n    def __len__(self):\n        \"\"\"Counts.\"\"\"\n    def size(self):\n        return (lambda: self.__len‸__())()\n",
			entry: "__len__", want: []string{"Counts."}},
		{name: "staticmethod's first parameter is not self", src: "class A:\n    def __len__(self):\n        \"\"\"Counts.\"\"\"\n    @staticmethod\n    def size(self):\n        return self.__len‸__()\n",
			entry: "__len__", notWant: []string{"Counts."}},
		{name: "C().__len__ on a new instance", src: "class A:\n    def __len__(self):\n        \"\"\"Counts.\"\"\"\nA().__len‸__()\n",
			entry: "__len__", want: []string{"**`A.__len__`**\n\nCounts."}},
		{name: "Class.__init__ with inherited docstring", src: "class A:\n    def __init__(self):\n        \"\"\"A init.\"\"\"\nclass B(A):\n    pass\nB.__init‸__\n",
			entry: "__init__", want: []string{"**`A.__init__`**\n\nA init."}},
		{name: "module.__getattr__ is the hook", src: "import lazy\nlazy.__get‸attr__('x')\n", module: "__getattr__"},
		{name: "aliased module.__dir__ is the hook", src: "import pkg.lazy as lz\nlz.__d‸ir__()\n", module: "__dir__"},
		{name: "obj.__getattr__ is the method", src: "def f(o):\n    return o.__getat‸tr__('x')\n", entry: "__getattr__"},
		{name: "unknown attribute dunder", src: "x.__wat‸__\n", unknown: "__wat__", span: "__wat__"},

		// special attributes
		{name: "__name__", src: "if __na‸me__ == \"__main__\":\n    pass\n", entry: "__name__", span: "__name__"},
		{name: "__all__ =", src: "‸__all__ = [\"a\"]\n", entry: "__all__"},
		{name: "__all__ +=", src: "__all__ = []\n__all‸__ += [\"b\"]\n", entry: "__all__"},
		{name: "__slots__ =", src: "class P:\n    __slo‸ts__ = (\"x\", \"y\")\n", entry: "__slots__"},
		{name: "__file__", src: "print(__fi‸le__)\n", entry: "__file__"},
		{name: "__doc__ of a function", src: "def f():\n    pass\nf.__d‸oc__\n", entry: "__doc__"},
		{name: "__future__ is explained", src: "from __fut‸ure__ import annotations\n", unknown: "__future__"},

		// builtins
		{name: "len(x)", src: "le‸n(x)\n", builtin: "len", span: "len"},
		{name: "str(x)", src: "s‸tr(x)\n", builtin: "str"},
		{name: "repr(x)", src: "rep‸r(x)\n", builtin: "repr"},
		{name: "sorted(key=len)", src: "sorted(xs, key=le‸n)\n", builtin: "len"},
		{name: "map(str, xs)", src: "map(s‸tr, xs)\n", builtin: "str"},
		{name: "super itself", src: "class A:\n    def __init__(self):\n        sup‸er().__init__()\n", builtin: "super"},
		{name: "math.floor", src: "import math\nmath.flo‸or(x)\n", builtin: "math.floor", span: "floor"},
		{name: "math alias", src: "import math as m\nm.ce‸il(x)\n", builtin: "math.ceil"},
		{name: "from copy import copy", src: "from copy import copy\nco‸py(x)\n", builtin: "copy.copy"},
		{name: "from os import fspath as fp", src: "from os import fspath as fp\nf‸p(x)\n", builtin: "os.fspath"},
		{name: "len rebound by def", src: "def len(x):\n    return 0\nle‸n(y)\n", none: true},
		{name: "len rebound by assignment", src: "len = max\nle‸n(y)\n", none: true},
		{name: "len rebound by a parameter", src: "def f(len):\n    return le‸n(y)\n", none: true},
		{name: "len bound by import", src: "from mylib import len\nle‸n(y)\n", none: true},
		{name: "floor of an unknown module", src: "math.flo‸or(x)\n", none: true},

		// negatives
		{name: "plain name", src: "fo‸o = 1\n", none: true},
		{name: "unknown call", src: "fo‸o(1)\n", none: true},
		{name: "plain def", src: "class A:\n    def fo‸o(self):\n        pass\n", none: true},
		{name: "plain attribute", src: "x.fo‸o\n", none: true},
		{name: "mangled name is not a dunder", src: "class A:\n    def f(self):\n        return self.__x‸\n", none: true},
		{name: "string containing __init__", src: "x = \"__in‸it__\"\n", none: true},
		{name: "docstring containing __init__", src: "def f():\n    \"\"\"Calls __in‸it__.\"\"\"\n", none: true},
		{name: "comment", src: "x = 1  # __in‸it__\n", none: true},
		{name: "keyword argument name", src: "f(__ke‸y__=1)\n", none: true},
		{name: "comma", src: "f(a‸, b)\n", none: true},
		{name: "star args", src: "f(‸*args)\n", none: true},
		{name: "double star kwargs", src: "f(‸**kw)\n", none: true},
		{name: "star parameter", src: "def f(‸*args, **kw):\n    pass\n", none: true},
		{name: "assignment =", src: "x ‸= 1\n", none: true},
		{name: "annotation colon", src: "x‸: int = 1\n", none: true},
		{name: "dot", src: "x‸.y\n", none: true},
		{name: "list brackets", src: "x = ‸[1]\n", none: true},
		{name: "call parentheses", src: "f‸(1)\n", none: true},
		{name: "keyword-only marker", src: "def f(a, ‸*, b):\n    pass\n", none: true},
		{name: "lambda", src: "f = lam‸bda: 0\n", none: true},
		{name: "empty file", src: "‸", none: true},
		{name: "whitespace", src: "x = 1\n‸\n", none: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { dhCheck(t, nil, "mod.py", c) })
	}
}

func TestDunderHoverOperators(t *testing.T) {
	type opCase struct {
		src, op string
		unary   bool
		span    string
	}
	cases := []opCase{
		{"a ‸< b\n", "<", false, "<"},
		{"a ‸not in b\n", "not in", false, "not in"},
		{"a not ‸in b\n", "not in", false, "not in"},
		{"a ‸in b\n", "in", false, "in"},
		{"a ‸is b\n", "is", false, "is"},
		{"a is ‸not b\n", "is not", false, "is not"},
		{"‸not a\n", "not", true, "not"},
		{"a ‸and b\n", "and", false, "and"},
		{"a ‸or b\n", "or", false, "or"},
		{"x = ‸-a\n", "-", true, "-"},
		{"x = ‸+a\n", "+", true, "+"},
		{"x = ‸~a\n", "~", true, "~"},
		{"x = a ‸- b\n", "-", false, "-"},
		{"x‸[1]\n", "[]", false, "["},
		{"x[1‸]\n", "[]", false, "]"},
		{"a < b ‸== c\n", "==", false, "=="},
		{"x = (a ‸@ b) ** c\n", "@", false, "@"},
		{"x = a @ b ‸** c\n", "**", false, "**"},
		{"x[i] ‸+= 1\n", "+=", false, "+="},
		{"‸with m:\n    pass\n", "with", false, "with"},
		{"async def f():\n    ‸async with m:\n        pass\n", "async with", false, "async"},
		{"async def f():\n    async ‸with m:\n        pass\n", "async with", false, "with"},
		{"‸for x in y:\n    pass\n", "for", false, "for"},
		{"for x ‸in y:\n    pass\n", "for", false, "in"},
		{"[x ‸for x in y]\n", "for", false, "for"},
		{"[x for x ‸in y if x in z]\n", "for", false, "in"},
		{"async def f():\n    async ‸for x in y:\n        pass\n", "async for", false, "for"},
		{"async def f():\n    ‸await x\n", "await", true, "await"},
	}
	// every binary operator, comparison and augmented assignment
	for _, op := range []string{"+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "^", "|"} {
		cases = append(cases, opCase{"x = a ‸" + op + " b\n", op, false, op})
		cases = append(cases, opCase{"x ‸" + op + "= b\n", op + "=", false, op + "="})
	}
	for _, op := range []string{"<", "<=", ">", ">=", "==", "!="} {
		cases = append(cases, opCase{"x = a ‸" + op + " b\n", op, false, op})
	}
	for _, c := range cases {
		t.Run(strings.TrimSpace(c.src), func(t *testing.T) {
			dhCheck(t, nil, "mod.py", dhCase{src: c.src, op: c.op, unary: c.unary, span: c.span})
		})
	}
	// where a subscript stands decides the hook
	for _, c := range []struct{ src, want string }{
		{"x‸[1:2] = y\n", "**Here:** an assignment target: `type(x).__setitem__(x, key, value)`"},
		{"a, x‸[k] = y\n", "**Here:** an assignment target"},
		{"del x‸[k]\n", "**Here:** a `del` target: `type(x).__delitem__(x, key)`"},
		{"del a, x‸[k]\n", "**Here:** a `del` target"},
		{"x‸[i] += 1\n", "**Here:** an augmented assignment target"},
		{"for x‸[0] in y:\n    pass\n", "**Here:** a loop target"},
		{"class Box:\n    pass\nBox‸[int]\n", "**Here:** `Box` is a class: `Box.__class_getitem__(key)`"},
	} {
		t.Run(strings.TrimSpace(c.src), func(t *testing.T) {
			o, _ := dunder.Operator("[]", false)
			dhCheck(t, nil, "mod.py", dhCase{src: c.src, want: []string{o.Markdown(), c.want}})
		})
	}
	t.Run("reading has no Here line", func(t *testing.T) {
		dhCheck(t, nil, "mod.py", dhCase{src: "y = x‸[k]\n", op: "[]"})
	})
	// the second "in" of a comprehension with a condition is membership
	t.Run("membership in a comprehension condition", func(t *testing.T) {
		dhCheck(t, nil, "mod.py", dhCase{src: "[x for x in y if x ‸in z]\n", op: "in"})
	})
}

func TestDunderHoverClassCalls(t *testing.T) {
	cases := []dhCase{
		{name: "own __init__ with docstrings", src: "class Foo:\n    \"\"\"A foo.\"\"\"\n    def __init__(self, a, b=1):\n        \"\"\"Make one.\"\"\"\nF‸oo(1)\n",
			span:  "Foo",
			want:  []string{"```python\nclass Foo(a, b=1)\n```", "`Foo.__init__`", "**`Foo`**\n\nA foo.", "**`Foo.__init__`**\n\nMake one.", "datamodel.html#object.__init__"},
			plain: []string{"class Foo(a, b=1)\n", "Foo.__init__", "A foo.", "Make one."}},
		{name: "inherited __init__", src: "class Foo:\n    def __init__(self, a):\n        pass\nclass Bar(Foo):\n    pass\nBa‸r(1)\n",
			want: []string{"class Bar(a)", "inherited from `Foo`"}},
		{name: "__new__ only", src: "class N:\n    def __new__(cls, v):\n        return super().__new__(cls)\nN‸(1)\n",
			want: []string{"class N(v)", "`N.__new__`", "object.__init__", "datamodel.html#object.__new__"}},
		{name: "neither __init__ nor __new__", src: "class E:\n    pass\nE‸()\n",
			want: []string{"class E()", "takes no arguments"}},
		{name: "base pyward cannot see", src: "class MyError(Exception):\n    pass\nMyErr‸or('x')\n",
			want: []string{"class MyError(...)", "`Exception`"}},
		{name: "__init__ assigned", src: "def _init(self, x):\n    pass\nclass A:\n    __init__ = _init\nA‸(1)\n",
			want: []string{"class A(...)", "assigned"}},
		{name: "dataclass", src: "from dataclasses import dataclass, field\n@dataclass\nclass P:\n    x: int\n    y: list = field(default_factory=list)\nP‸(1)\n",
			want: []string{"class P(x: int, y: list = list())", "`@dataclass`"}},
		{name: "dataclass(init=False) uses the real __init__", src: "from dataclasses import dataclass\nclass Base:\n    def __init__(self, q):\n        pass\n@dataclass(init=False)\nclass P(Base):\n    x: int\nP‸(1)\n",
			want: []string{"class P(q)", "inherited from `Base`"}},
		{name: "NamedTuple", src: "from typing import NamedTuple\nclass Pair(NamedTuple):\n    a: int\n    b: str = 'b'\nPai‸r(1)\n",
			want: []string{"class Pair(a: int, b: str = 'b')", "`__new__`"}},
		{name: "long signature wraps", src: "class L:\n    def __init__(self, a_very_long_parameter_name: int, another_very_long_parameter_name: str = 'x'):\n        pass\nL‸(1)\n",
			want: []string{"class L(\n    a_very_long_parameter_name: int,\n    another_very_long_parameter_name: str = 'x',\n)"}},
		{name: "class used before its definition", src: "def make():\n    return Fo‸o()\nclass Foo:\n    def __init__(self):\n        pass\n",
			want: []string{"class Foo()"}},
		{name: "inheritance cycle with repeated bases stays fast", src: "class A(B, B, B):\n    pass\nclass B(A, A, A):\n    pass\nA‸()\n",
			want: []string{"class A()"}},
		{name: "dataclass inheritance cycle", src: "from dataclasses import dataclass\n@dataclass\nclass A(B, B):\n    x: int\n@dataclass\nclass B(A, A):\n    y: int\nA‸(1)\n",
			want: []string{"class A(y: int, x: int)"}},
		{name: "cls(...) in a classmethod", src: "class Foo:\n    def __init__(self, a):\n        pass\n    @classmethod\n    def make(cls):\n        return c‸ls(1)\n",
			want: []string{"class Foo(a)"}},
		{name: "self(...) is not a class call", src: "class Foo:\n    def __init__(self, a):\n        pass\n    def make(self):\n        return se‸lf(1)\n", none: true},
		{name: "class rebound", src: "class Foo:\n    pass\nFoo = make()\nFo‸o()\n", none: true},
		{name: "a class name not called", src: "class Foo:\n    pass\nisinstance(x, Fo‸o)\n", none: true},
		{name: "a method call is not a class call", src: "class Foo:\n    def m(self):\n        pass\nFoo().‸m()\n", none: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { dhCheck(t, nil, "mod.py", c) })
	}
}

// dhWorkspace is a package in a fake filesystem: pkg/models.py defines classes,
// pkg/main.py uses them.
func dhWorkspace(t *testing.T) *analysis.Index {
	t.Helper()
	fsys := pathing.NewMemFS(pathing.Posix)
	err := fsys.AddTree(map[string]string{
		"/ws/":                "",
		"/ws/pkg/":            "",
		"/ws/pkg/__init__.py": "",
		"/ws/pkg/models.py": `"""Models."""
from .base import Base


class Model(Base):
    """A model."""

    def __init__(self, name, *, size=0):
        """Create a model called name."""

    def __len__(self):
        """The model's size."""
        return 0


class Child(Base):
    pass
`,
		"/ws/pkg/base.py": `class Base:
    def __init__(self, ident):
        """Base init."""

    def __repr__(self):
        """Base repr."""
        return ""
`,
	})
	if err != nil {
		t.Fatal(err)
	}
	ix := analysis.NewIndex(fsys, pathing.Posix)
	ix.SetRoots([]string{"/ws"})
	return ix
}

func TestDunderHoverImportedClasses(t *testing.T) {
	ix := dhWorkspace(t)
	cases := []dhCase{
		{name: "relative import", src: "from .models import Model\nMod‸el('m', size=1)\n",
			want: []string{"class Model(name, *, size=0)", "**`Model`**\n\nA model.", "Create a model called name."}},
		{name: "absolute import", src: "from pkg.models import Model\nMod‸el('m')\n", want: []string{"class Model(name, *, size=0)"}},
		{name: "module attribute", src: "from pkg import models\nmodels.Mo‸del('m')\n", want: []string{"class Model(name, *, size=0)"}, span: "Model"},
		{name: "base in a third module", src: "from .models import Child\nChi‸ld(1)\n", want: []string{"class Child(ident)", "inherited from `Base`", "Base init."}},
		{name: "Class.__len__ across modules", src: "from .models import Model\nModel.__le‸n__\n", entry: "__len__", want: []string{"**`Model.__len__`**\n\nThe model's size."}},
		{name: "super() into an imported base", src: "from .base import Base\nclass Mine(Base):\n    def __repr__(self):\n        return super().__re‸pr__()\n", entry: "__repr__", want: []string{"**`Base.__repr__`**\n\nBase repr."}},
		{name: "unresolved import", src: "from .nowhere import Thing\nThi‸ng()\n", none: true},
		{name: "from-imported module's __getattr__", src: "from pkg import models\nmodels.__getat‸tr__\n", module: "__getattr__"},
		{name: "from-imported class's __getattr__", src: "from pkg.models import Model\nModel.__getat‸tr__\n", entry: "__getattr__"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { dhCheck(t, ix, "/ws/pkg/main.py", c) })
	}
	// Without an index the same hovers fall back to the file alone.
	t.Run("nil index", func(t *testing.T) {
		dhCheck(t, nil, "/ws/pkg/main.py", dhCase{src: "from .models import Model\nMod‸el('m')\n", none: true})
		dhCheck(t, nil, "/ws/pkg/main.py", dhCase{src: "from .models import Model\nModel.__le‸n__\n", entry: "__len__", notWant: []string{"\n---\n"}})
	})
}

// dhCheck hovers at the cursor of c.src and checks the answer.
func dhCheck(t *testing.T, ix *analysis.Index, path string, c dhCase) {
	t.Helper()
	f, off := dhFile(t, path, c.src)
	h, ok := Dunder(ix, f, off)
	if c.none {
		if ok {
			t.Fatalf("hover in %q: got %q, want none", c.src, h.Markdown)
		}
		return
	}
	if !ok {
		t.Fatalf("no hover in %q", c.src)
	}
	var md, plain string
	prefix := true
	switch {
	case c.entry != "":
		e, found := dunder.Lookup(c.entry)
		if !found {
			t.Fatalf("test names %s, which is not in the catalogue", c.entry)
		}
		md, plain = e.Markdown(), e.PlainText()
	case c.module != "":
		e, found := dunder.ModuleLevel(c.module)
		if !found {
			t.Fatalf("test names module hook %s, which is not in the catalogue", c.module)
		}
		md, plain = e.Markdown(), e.PlainText()
	case c.unknown != "":
		md, plain = dunder.Unknown(c.unknown)
	case c.op != "":
		o, found := dunder.Operator(c.op, c.unary)
		if !found {
			t.Fatalf("test names operator %q, which is not in the catalogue", c.op)
		}
		md, plain, prefix = o.Markdown(), o.PlainText(), false
	case c.builtin != "":
		b, found := dunder.Builtin(c.builtin)
		if !found {
			t.Fatalf("test names builtin %q, which is not in the catalogue", c.builtin)
		}
		md, plain, prefix = b.Markdown(), b.PlainText(), false
	}
	if md != "" {
		if prefix && (!strings.HasPrefix(h.Markdown, md) || !strings.HasPrefix(h.Plain, plain)) ||
			!prefix && (h.Markdown != md || h.Plain != plain) {
			t.Errorf("hover in %q shows\n%s\nwant (as a prefix: %v)\n%s", c.src, h.Markdown, prefix, md)
		}
	}
	for _, w := range c.want {
		if !strings.Contains(h.Markdown, w) {
			t.Errorf("hover in %q: Markdown\n%s\nlacks %q", c.src, h.Markdown, w)
		}
	}
	for _, w := range c.notWant {
		if strings.Contains(h.Markdown, w) {
			t.Errorf("hover in %q: Markdown\n%s\nhas %q", c.src, h.Markdown, w)
		}
	}
	for _, w := range c.plain {
		if !strings.Contains(h.Plain, w) {
			t.Errorf("hover in %q: plain text\n%s\nlacks %q", c.src, h.Plain, w)
		}
	}
	if strings.Contains(h.Plain, "```") || strings.Contains(h.Plain, "](https://") {
		t.Errorf("plain text has Markdown:\n%s", h.Plain)
	}
	src := f.Module.Tree.Src
	if h.Span.End < h.Span.Start || int(h.Span.End) > len(src) || h.Span.Start > off || off > h.Span.End {
		t.Fatalf("span %v does not cover the cursor %d", h.Span, off)
	}
	if c.span != "" {
		if got := string(src[h.Span.Start:h.Span.End]); got != c.span {
			t.Errorf("span covers %q, want %q", got, c.span)
		}
	}
}
