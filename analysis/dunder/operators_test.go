package dunder

import (
	"sort"
	"strings"
	"testing"
)

var binaryStems = map[string]string{
	"+": "add", "-": "sub", "*": "mul", "@": "matmul", "/": "truediv", "//": "floordiv", "%": "mod",
	"**": "pow", "<<": "lshift", ">>": "rshift", "&": "and", "^": "xor", "|": "or",
}

func TestBinaryOperators(t *testing.T) {
	for sym, stem := range binaryStems {
		o, ok := Operator(sym, false)
		if !ok {
			t.Errorf("Operator(%q) missing", sym)
			continue
		}
		fwd, refl := "x.__"+stem+"__(y)", "y.__r"+stem+"__(x)"
		if indexOf(o.Steps, fwd) != 0 || indexOf(o.Steps, refl) != 1 {
			t.Errorf("%s: want %s then %s, got %q", sym, fwd, refl, o.Steps)
		}
		if !strings.Contains(o.Steps[1], "subclass") {
			t.Errorf("%s: reflected step does not state the subclass rule: %q", sym, o.Steps[1])
		}
		if o.Unary || o.Op != sym {
			t.Errorf("%s: got %+v", sym, o)
		}
	}
}

func TestAugmentedOperators(t *testing.T) {
	for sym, stem := range binaryStems {
		o, ok := Operator(sym+"=", false)
		if !ok {
			t.Errorf("Operator(%q) missing", sym+"=")
			continue
		}
		i, f, r := indexOf(o.Steps, "__i"+stem+"__("), indexOf(o.Steps, "x.__"+stem+"__("), indexOf(o.Steps, "__r"+stem+"__(")
		if i != 0 || f != 1 || r != 2 {
			t.Errorf("%s=: want __i%s__, then __%s__, then __r%s__; got %q", sym, stem, stem, stem, o.Steps)
		}
		if !strings.Contains(o.Note, "assigned back") {
			t.Errorf("%s=: note does not say the result is assigned back", sym)
		}
	}
}

func TestComparisons(t *testing.T) {
	for op, pair := range map[string][2]string{
		"<": {"__lt__", "__gt__"}, "<=": {"__le__", "__ge__"}, ">": {"__gt__", "__lt__"},
		">=": {"__ge__", "__le__"}, "==": {"__eq__", "__eq__"}, "!=": {"__ne__", "__ne__"},
	} {
		o, ok := Operator(op, false)
		if !ok {
			t.Errorf("Operator(%q) missing", op)
			continue
		}
		if indexOf(o.Steps, "x."+pair[0]+"(y)") != 0 || indexOf(o.Steps, "y."+pair[1]+"(x)") != 1 {
			t.Errorf("%s: want x.%s(y) then y.%s(x), got %q", op, pair[0], pair[1], o.Steps)
		}
	}
	if o, _ := Operator("==", false); !strings.Contains(o.Steps[2], "x is y") {
		t.Errorf("== must fall back to identity: %q", o.Steps)
	}
}

func TestOtherOperators(t *testing.T) {
	cases := []struct {
		op    string
		unary bool
		hooks []string // in order of first mention
	}{
		{"-", true, []string{"__neg__"}},
		{"+", true, []string{"__pos__"}},
		{"~", true, []string{"__invert__"}},
		{"~", false, []string{"__invert__"}}, // no binary ~
		{"-", false, []string{"__sub__", "__rsub__"}},
		{"not", true, []string{"__bool__", "__len__"}},
		{"not", false, []string{"__bool__", "__len__"}},
		{"in", false, []string{"__contains__", "__iter__", "__getitem__"}},
		{"not in", false, []string{"__contains__", "__iter__", "__getitem__"}},
		{"not   in", false, []string{"__contains__"}},
		{"[]", false, []string{"__getitem__", "__setitem__", "__delitem__", "__missing__", "__class_getitem__"}},
		{"()", false, []string{"__call__", "__new__", "__init__"}},
		{".", false, []string{"__getattribute__", "__get__", "__dict__", "__getattr__"}},
		{"with", false, []string{"__enter__", "__exit__"}},
		{"async with", false, []string{"__aenter__", "__aexit__"}},
		{"for", false, []string{"__iter__", "__getitem__", "__next__"}},
		{"async for", false, []string{"__aiter__", "__anext__"}},
		{"await", true, []string{"__await__"}},
		{"and", false, []string{"__bool__", "__len__"}},
		{"or", false, []string{"__bool__", "__len__"}},
	}
	for _, c := range cases {
		o, ok := Operator(c.op, c.unary)
		if !ok {
			t.Errorf("Operator(%q, %v) missing", c.op, c.unary)
			continue
		}
		got := uniqueHooks(o.Steps...)
		if len(got) < len(c.hooks) || strings.Join(got[:len(c.hooks)], " ") != strings.Join(c.hooks, " ") {
			t.Errorf("Operator(%q, %v) hooks = %v, want %v first", c.op, c.unary, got, c.hooks)
		}
	}
	for _, op := range []string{"is", "is not"} {
		o, ok := Operator(op, false)
		if !ok || len(hooksIn(o.Steps...)) != 0 || !strings.Contains(o.Steps[0], "no special method") {
			t.Errorf("Operator(%q) must say there is no hook: %+v", op, o)
		}
	}
	if _, ok := Operator("<>", false); ok {
		t.Error("Operator(<>) should not exist")
	}
}

// TestOperatorsReferenceCatalogue checks every hook an operator or builtin
// names against the catalogue, and the form of every table entry.
func TestOperatorsReferenceCatalogue(t *testing.T) {
	ops := Operators()
	if len(ops) < 50 {
		t.Errorf("only %d operators", len(ops))
	}
	if !sort.SliceIsSorted(ops, func(i, j int) bool { return ops[i].Op < ops[j].Op || (ops[i].Op == ops[j].Op && !ops[i].Unary) }) {
		t.Error("Operators() not sorted")
	}
	for _, o := range ops {
		what := "operator " + o.Op
		if o.Expr == "" || len(o.Steps) == 0 || o.Note == "" {
			t.Errorf("%s incomplete: %+v", what, o)
		}
		checkDocURL(t, what, o.DocURL)
		for _, s := range append(o.Steps, o.Note) {
			checkMarkdownText(t, what, s)
		}
		for _, h := range hooksIn(append(o.Steps, o.Note)...) {
			if !known(h) {
				t.Errorf("%s names %s, which is not in the catalogue", what, h)
			}
		}
	}
	for _, b := range Builtins() {
		what := "builtin " + b.Name
		if b.Signature == "" || len(b.Steps) == 0 {
			t.Errorf("%s incomplete: %+v", what, b)
		}
		checkDocURL(t, what, b.DocURL)
		for _, s := range append(b.Steps, b.Note) {
			if s != "" {
				checkMarkdownText(t, what, s)
			}
		}
		for _, h := range hooksIn(append(b.Steps, b.Note)...) {
			if !known(h) {
				t.Errorf("%s names %s, which is not in the catalogue", what, h)
			}
		}
	}
}

func TestBuiltins(t *testing.T) {
	cases := map[string][]string{ // hooks in order of first mention
		"len":        {"__len__"},
		"str":        {"__str__", "__repr__"},
		"repr":       {"__repr__"},
		"iter":       {"__iter__", "__getitem__"},
		"next":       {"__next__"},
		"hash":       {"__hash__"},
		"bool":       {"__bool__", "__len__"},
		"abs":        {"__abs__"},
		"format":     {"__format__"},
		"bytes":      {"__bytes__", "__index__", "__buffer__", "__iter__"},
		"int":        {"__int__", "__index__", "__trunc__"},
		"float":      {"__float__", "__index__"},
		"complex":    {"__complex__", "__float__", "__index__"},
		"round":      {"__round__"},
		"divmod":     {"__divmod__", "__rdivmod__"},
		"pow":        {"__pow__", "__rpow__"},
		"reversed":   {"__reversed__", "__len__", "__getitem__"},
		"dir":        {"__dir__"},
		"getattr":    {"__getattribute__", "__getattr__"},
		"setattr":    {"__setattr__"},
		"delattr":    {"__delattr__"},
		"isinstance": {"__instancecheck__"},
		"issubclass": {"__subclasscheck__", "__subclasshook__"},
		"callable":   {"__call__"},
		"math.floor": {"__floor__", "__float__"},
		"copy.copy":  {"__copy__", "__reduce_ex__"},
		"os.fspath":  {"__fspath__"},
	}
	for name, want := range cases {
		b, ok := Builtin(name)
		if !ok {
			t.Errorf("Builtin(%q) missing", name)
			continue
		}
		got := uniqueHooks(b.Steps...)
		if len(got) < len(want) || strings.Join(got[:len(want)], " ") != strings.Join(want, " ") {
			t.Errorf("Builtin(%q) hooks = %v, want %v first", name, got, want)
		}
	}
	if b, _ := Builtin("hash"); !strings.Contains(strings.Join(b.Steps, " "), "`None`") || !strings.Contains(strings.Join(b.Steps, " "), "TypeError") {
		t.Errorf("hash must say __hash__ = None gives TypeError: %q", b.Steps)
	}
	if _, ok := Builtin("nosuch"); ok {
		t.Error("Builtin(nosuch) succeeded")
	}
	bs := Builtins()
	if !sort.SliceIsSorted(bs, func(i, j int) bool { return bs[i].Name < bs[j].Name }) {
		t.Error("Builtins() not sorted")
	}
	if len(bs) != len(builtinTable) {
		t.Errorf("duplicate builtin names: %d listed, %d distinct", len(bs), len(builtinTable))
	}
}
