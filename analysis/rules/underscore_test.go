package rules

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// underscoreRules are the six rules run together over every underscore fixture, so
// that a case of one rule also proves the others stay quiet.
var underscoreRules = []string{
	"private-member-access",
	"private-module-import",
	"mangled-attribute-access",
	"mangled-attribute-write",
	"mangled-name-mismatch",
	"mangled-global-reference",
	"star-import-private",
}

// runtimeException is the exception CPython raises where each error rule fires.
var runtimeException = map[string]string{
	"mangled-attribute-access": "AttributeError",
	"mangled-name-mismatch":    "AttributeError",
	"mangled-global-reference": "NameError",
	"star-import-private":      "NameError",
}

// TestUnderscoreRuntimeGolden checks the fixtures' expectations against what CPython
// did with them (testdata/rules/underscore/runtime.golden, written by gen.py): every
// case that expects an error rule raises that rule's exception on that very line, and
// every case that expects none runs fine. Every runnable case must be in the golden.
func TestUnderscoreRuntimeGolden(t *testing.T) {
	golden := readRuntimeGolden(t)
	checked := 0
	for _, rule := range underscoreRules {
		dir := filepath.Join("..", "..", "testdata", "rules", rule)
		for _, c := range fixtureCases(t, dir) {
			runnable := !c.Dir || fileExists(filepath.Join(c.Root, "main.py"))
			if strings.HasSuffix(c.Name, ".pyi") || !runnable {
				continue
			}
			key := rule + "/" + c.Name
			outcome, ok := golden[key]
			if !ok {
				t.Errorf("%s: not in runtime.golden: run python3 testdata/rules/underscore/gen.py", key)
				continue
			}
			checked++
			keep := map[string]bool{}
			for r := range runtimeException {
				keep[r] = true
			}
			var errs []finding
			for _, p := range c.Files {
				src, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				rel, _ := filepath.Rel(c.Root, p)
				errs = append(errs, expectations(filepath.ToSlash(rel), src, keep)...)
			}
			switch {
			case len(errs) == 0 && outcome.exc != "" && suppressedLine(c.Root, outcome.file, outcome.line):
				// the error is real and the user silenced it on that line
			case len(errs) == 0 && outcome.exc != "":
				t.Errorf("%s: CPython raises %s at %s:%d (%s), but no error is expected", key, outcome.exc, outcome.file, outcome.line, outcome.msg)
			case len(errs) > 1:
				t.Errorf("%s: %d error expectations; CPython can confirm only one per case", key, len(errs))
			case len(errs) == 1:
				e := errs[0]
				if outcome.exc != runtimeException[e.Rule] || outcome.file != e.File || outcome.line != e.Line {
					t.Errorf("%s: expects %s at %s:%d (%s), CPython: %q at %s:%d",
						key, e.Rule, e.File, e.Line, runtimeException[e.Rule], outcome.exc, outcome.file, outcome.line)
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d cases checked against CPython", checked)
	}
}

// suppressedLine reports whether line (1-based) of file under root carries a
// `# pyward: ignore` or `# noqa` comment.
func suppressedLine(root, file string, line int) bool {
	src, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		return false
	}
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return false
	}
	_, ok := analysis.ParseSuppression(lines[line-1])
	return ok
}

type runtimeOutcome struct {
	exc, file, msg string
	line           int
}

func readRuntimeGolden(t *testing.T) map[string]runtimeOutcome {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "rules", "underscore", "runtime.golden"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]runtimeOutcome{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		var o runtimeOutcome
		if len(parts) >= 4 {
			o.exc, o.msg = parts[1], parts[3]
			where := parts[2]
			if i := strings.LastIndexByte(where, ':'); i > 0 {
				o.file = where[:i]
				o.line, _ = strconv.Atoi(where[i+1:])
			}
		} else if len(parts) != 2 || parts[1] != "works" {
			t.Fatalf("bad golden line %q", line)
		}
		out[parts[0]] = o
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestUnderscoreQuickFixes applies the preferred quick fix of each error case and
// compares the result with testdata/rules/underscore/fixed/<rule>__<case>, which
// CPython ran fine (runtime.golden).
func TestUnderscoreQuickFixes(t *testing.T) {
	golden := readRuntimeGolden(t)
	dir := filepath.Join("..", "..", "testdata", "rules", "underscore", "fixed")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) < 5 {
		t.Fatalf("only %d fixed cases", len(ents))
	}
	for _, e := range ents {
		rule, name, ok := strings.Cut(e.Name(), "__")
		if !ok {
			t.Fatalf("bad fixed case name %s", e.Name())
		}
		t.Run(e.Name(), func(t *testing.T) {
			if o, ok := golden["fixed/"+e.Name()]; !ok || o.exc != "" {
				t.Fatalf("CPython does not run the fixed case fine: %+v (in golden: %v)", o, ok)
			}
			c := fixtureCase{Name: name, Root: filepath.Join("..", "..", "testdata", "rules", rule), Files: []string{filepath.Join("..", "..", "testdata", "rules", rule, name)}}
			res := checkCase(t, c, underscoreRules)
			var fix *analysis.Fix
			for _, d := range res.Diags[name] {
				if d.Rule != rule {
					continue
				}
				for i := range d.Fixes {
					if d.Fixes[i].Preferred {
						fix = &d.Fixes[i]
					}
				}
			}
			if fix == nil {
				t.Fatalf("no preferred fix for %s in %s", rule, name)
			}
			if !fix.Safe { // the one spelling that names the attribute: safe to apply unasked
				t.Errorf("preferred fix %q is not marked safe", fix.Title)
			}
			src := res.Modules[name].Tree.Src
			got := applyEdits(src, fix.Edits)
			want, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("fix %q gives:\n%s\nwant:\n%s", fix.Title, got, want)
			}
		})
	}
}

// applyEdits applies non-overlapping edits to src.
func applyEdits(src []byte, edits []analysis.TextEdit) string {
	sorted := append([]analysis.TextEdit(nil), edits...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Span.Start > sorted[j].Span.Start })
	out := string(src)
	for _, e := range sorted {
		out = out[:e.Span.Start] + e.NewText + out[e.Span.End:]
	}
	return out
}

// checkUnderscoreSource checks one source text with the underscore rules and the given config
// changes, as file path.
func checkUnderscoreSource(t *testing.T, path, src string, cfg analysis.Config) []analysis.Diagnostic {
	t.Helper()
	return checkUnderscoreSourceWith(t, analysis.Checker{}, path, src, cfg)
}

// checkUnderscoreSourceWith is checkUnderscoreSource with the given Checker.
func checkUnderscoreSourceWith(t *testing.T, checker analysis.Checker, path, src string, cfg analysis.Config) []analysis.Diagnostic {
	t.Helper()
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cfg = cfg.Only(underscoreRules...)
	return checker.Check(context.Background(), &analysis.File{Path: path, Module: analysis.Build(tree)}, nil, cfg)
}

func TestUnderscoreMessagesAndSeverity(t *testing.T) {
	src := `__helper = 1


class Foo:
    def __init__(self):
        self.__x = 1
        self._y = 2
    v = __helper


class Sub(Foo):
    def get(self):
        return self.__x


print(Foo().__x, Foo()._y)
`
	tests := []struct {
		name  string
		sev   map[string]analysis.Severity
		want  map[string]string // rule -> message
		sevOf map[string]analysis.Severity
	}{
		{
			name: "defaults",
			want: map[string]string{
				"mangled-attribute-access": "'__x' is only reachable as '_Foo__x' outside class Foo; this raises AttributeError",
				"mangled-name-mismatch":    "'self.__x' in class Sub mangles to '_Sub__x', but '__x' is assigned only in base class Foo (as '_Foo__x'); this raises AttributeError",
				"mangled-global-reference": "'__helper' inside class Foo mangles to '_Foo__helper', which is not defined; only the module-level '__helper' exists; this raises NameError",
				"private-member-access":    "access to private member '_y' of class Foo from outside the class and its subclasses; it works, but relies on an implementation detail that may change",
			},
			sevOf: map[string]analysis.Severity{
				"mangled-attribute-access": analysis.SeverityError,
				"mangled-name-mismatch":    analysis.SeverityError,
				"mangled-global-reference": analysis.SeverityError,
				"private-member-access":    analysis.SeverityWarning,
			},
		},
		{
			name: "settings",
			sev: map[string]analysis.Severity{
				"mangled-attribute-access": analysis.SeverityOff,
				"private-member-access":    analysis.SeverityError,
				"mangled-name-mismatch":    analysis.SeverityHint,
			},
			want: map[string]string{
				"mangled-name-mismatch":    "",
				"mangled-global-reference": "",
				"private-member-access":    "",
			},
			sevOf: map[string]analysis.Severity{
				"mangled-name-mismatch":    analysis.SeverityHint,
				"mangled-global-reference": analysis.SeverityError,
				"private-member-access":    analysis.SeverityError,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := analysis.DefaultConfig()
			cfg.Severity = map[string]analysis.Severity{}
			for k, v := range tt.sev {
				cfg.Severity[k] = v
			}
			got := map[string]analysis.Diagnostic{}
			for _, d := range checkUnderscoreSource(t, "/w/m.py", src, cfg) {
				if _, dup := got[d.Rule]; dup {
					t.Errorf("two findings of %s", d.Rule)
				}
				got[d.Rule] = d
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %d rules firing (%v), want %d", len(got), got, len(tt.want))
			}
			for rule, msg := range tt.want {
				d, ok := got[rule]
				if !ok {
					t.Errorf("%s: no finding", rule)
					continue
				}
				if msg != "" && d.Message != msg {
					t.Errorf("%s message:\n got %q\nwant %q", rule, d.Message, msg)
				}
				if d.Severity != tt.sevOf[rule] {
					t.Errorf("%s severity %v, want %v", rule, d.Severity, tt.sevOf[rule])
				}
				last := d.Fixes[len(d.Fixes)-1]
				if !strings.Contains(last.Title, "Ignore "+rule) {
					t.Errorf("%s: last fix %q is not the ignore fix", rule, last.Title)
				}
			}
		})
	}
}

func TestPrivateMemberAccessNamesTheClass(t *testing.T) {
	res := checkCase(t, fixtureCase{
		Name: "imported/", Dir: true,
		Root:  filepath.Join("..", "..", "testdata", "rules", "private-member-access", "imported"),
		Files: []string{filepath.Join("..", "..", "testdata", "rules", "private-member-access", "imported", "main.py")},
	}, []string{"private-member-access"})
	ds := res.Diags["main.py"]
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "of class Base") {
		t.Fatalf("want one finding naming class Base (from lib.py), got %+v", ds)
	}
}

func TestPrivateRulesOnTestsAndStubs(t *testing.T) {
	src := "import m\nclass Foo:\n    def __init__(self):\n        self._x = 1\nprint(Foo()._x, m._y)\n"
	tests := []struct {
		path       string
		checkTests bool
		want       int
	}{
		{"/w/pkg/mod.py", false, 2},
		{"/w/pkg/test_mod.py", false, 0},
		{"/w/pkg/mod_test.py", false, 0},
		{"/w/pkg/conftest.py", false, 0},
		{"/w/tests/helpers.py", false, 0},
		{"/w/tests/helpers.py", true, 2},
		{"/w/pkg/mod.pyi", true, 0},
	}
	for _, tt := range tests {
		cfg := analysis.DefaultConfig()
		cfg.CheckTests = tt.checkTests
		if got := len(checkUnderscoreSource(t, tt.path, src, cfg)); got != tt.want {
			t.Errorf("%s (checkTests %v): %d findings, want %d", tt.path, tt.checkTests, got, tt.want)
		}
	}
}

// TestUnderscoreRulesOnBrokenCode runs the rules over every prefix (in steps) of every
// underscore fixture, as an editor sees code being typed: no rule may panic.
func TestUnderscoreRulesOnBrokenCode(t *testing.T) {
	var panics []string
	var panicMu sync.Mutex // rules of different groups run in parallel
	checker := analysis.Checker{OnPanic: func(rule string, p any) {
		panicMu.Lock()
		defer panicMu.Unlock()
		panics = append(panics, rule+": "+fmt.Sprint(p))
	}}
	n := 0
	for _, rule := range underscoreRules {
		dir := filepath.Join("..", "..", "testdata", "rules", rule)
		for _, c := range fixtureCases(t, dir) {
			for _, p := range c.Files {
				src, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				for cut := 0; cut <= len(src); cut += 5 {
					checkUnderscoreSourceWith(t, checker, "/w/m.py", string(src[:cut]), analysis.DefaultConfig())
					n++
				}
			}
		}
	}
	if len(panics) > 0 {
		t.Fatalf("%d panics, first: %s", len(panics), panics[0])
	}
	if n < 100 {
		t.Fatalf("only %d prefixes checked", n)
	}
}

// TestUnderscoreRulesEndOnCyclicBases: broken code whose classes inherit from each
// other (Python refuses it at run time) must not make the walk up the bases loop.
func TestUnderscoreRulesEndOnCyclicBases(t *testing.T) {
	src := "class A(B):\n    def f(self):\n        return self.__x\n\nclass B(A):\n    def __init__(self):\n        self.__x = 1\n\nclass C(C):\n    pass\n\nA().__x\nC()._y\n"
	done := make(chan int, 1)
	go func() {
		n := 0
		for _, rule := range underscoreRules {
			n += len(checkSource(t, rule, "/w/a.py", src, analysis.DefaultConfig(), false))
		}
		done <- n
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the underscore rules did not end on classes with cyclic bases")
	}
}

// TestUnderscoreReceiverKinds: without an index, which rule speaks for `x._y` depends on
// what the import that binds x says x is: a module chain of `import a.b`, a lowercase
// name from `from m import` (by convention a module or function), or a capitalised one
// (by convention a class).
func TestUnderscoreReceiverKinds(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"import a.b\na.b._x\n", "private-module-import"},
		{"from m import foo\nfoo._private\n", "private-module-import"},
		{"from m import Foo\nFoo._private\n", "private-member-access"},
		{"import Foo\nFoo._private\n", "private-module-import"},      // import binds a module, whatever its case
		{"a.b._x\n", "private-member-access"},                        // an unbound chain: some object
		{"class A:\n    def m(this):\n        return this._x\n", ""}, // the first parameter of a method is self
		{"class A:\n    @staticmethod\n    def m(this):\n        return this._x\n", "private-member-access"},
		{"class A:\n    def m():\n        return self._x\n", ""},               // self bound nowhere (a method that lost its parameter): still the instance
		{"def f():\n    return other._x\n", "private-member-access"},           // another name bound nowhere: some object
		{"class A:\n    def m(self):\n        return self.__class__._x\n", ""}, // self.__class__ is the class of self
		{"class A:\n    def m(self, o):\n        return o.__class__._x\n", "private-member-access"},
	} {
		var got []string
		for _, rule := range underscoreRules {
			for _, d := range checkSource(t, rule, "/w/a.py", tc.src, analysis.DefaultConfig(), false) {
				got = append(got, d.Rule)
			}
		}
		if tc.want == "" && len(got) != 0 || tc.want != "" && (len(got) != 1 || got[0] != tc.want) {
			t.Errorf("%q: findings of %v, want %q", tc.src, got, tc.want)
		}
	}
}

// TestBuiltinNames checks the table of builtin names against CPython's (builtins.golden).
func TestBuiltinNames(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "rules", "underscore", "builtins.golden"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, l := range strings.Split(string(src), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			want[l] = true
			if !builtinNames[l] {
				t.Errorf("builtin %s is not in builtinNames", l)
			}
		}
	}
	for n := range builtinNames {
		if !want[n] {
			t.Errorf("builtinNames has %s, which CPython's builtins lacks", n)
		}
	}
}

// TestPrivateMemberAccessUnknownBase: inside a class whose base pyward cannot resolve,
// o._x may be a member the base declares: no finding.
func TestPrivateMemberAccessUnknownBase(t *testing.T) {
	src := "from elsewhere import Base\n\n\nclass A(Base):\n    def same(self, o):\n        return o._secret\n"
	if diags := checkSource(t, "private-member-access", "/w/a.py", src, analysis.DefaultConfig(), false); len(diags) != 0 {
		t.Errorf("unexpected %+v", diags)
	}
}

func TestIsIdentifier(t *testing.T) {
	for s, want := range map[string]bool{
		"A": true, "Z": true, "a": true, "z": true, "_": true, "_A0": true, "x9": true,
		"": false, "9a": false, "a-b": false, "a b": false, "é": false, "@": false, "[": false, "`": false, "{": false,
	} {
		if got := isIdentifier(s); got != want {
			t.Errorf("isIdentifier(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestUnderscoreNoReceiverNode: the model keeps an attribute whose receiver node is
// absent (Attr.Object == syntax.NoNode; analysis.Build allows it), so the receiver
// helpers must answer "nothing known" for it rather than index the tree with it.
func TestUnderscoreNoReceiverNode(t *testing.T) {
	tree, err := syntax.Parse([]byte("class Foo:\n    pass\n\n\nf = Foo()\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := analysis.Build(tree)
	u := newUnderscore(&analysis.Context{File: &analysis.File{Path: "/w/a.py", Module: m}, Module: m})
	if r, ok := u.constructedOf(syntax.NoNode, m.Scope); ok {
		t.Errorf("constructedOf(NoNode) = %v, want nothing", r.C.Name)
	}
	if k, _, _, _ := u.receiver(syntax.NoNode, m.Scope); k != recvOther {
		t.Errorf("receiver(NoNode) = %v, want recvOther", k)
	}
	if name, ok := u.selfReceiver(syntax.NoNode, m.Scope, m.Classes[0]); ok {
		t.Errorf("selfReceiver(NoNode) = %q, want nothing", name)
	}
}

// TestPrivateMemberAccessNamesTheConstructedClass: two classes hold _x; a receiver bound
// once to Foo() (or Foo() itself) is a Foo, so the message names Foo.
func TestPrivateMemberAccessNamesTheConstructedClass(t *testing.T) {
	head := "class Foo:\n    def __init__(self):\n        self._x = 1\n\n\nclass Bar:\n    def __init__(self):\n        self._x = 2\n\n\n"
	for _, tail := range []string{"f = Foo()\nprint(f._x)\n", "print(Foo()._x)\n"} {
		ds := checkSource(t, "private-member-access", "/w/a.py", head+tail, analysis.DefaultConfig(), false)
		if len(ds) != 1 || !strings.Contains(ds[0].Message, "of class Foo") {
			t.Errorf("%q: want one finding naming class Foo, got %+v", tail, ds)
		}
	}
}
