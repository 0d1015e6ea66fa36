package dunder

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

// pitfallsOptional lists the entries allowed to have no pitfalls. It is
// empty today: every entry names at least one classic mistake. Add a name
// here only when there truly is none, with a comment saying why.
var pitfallsOptional = map[string]bool{}

// implicitClassMethods are class methods Python binds without a
// @classmethod decorator.
var implicitClassMethods = map[string]bool{"__init_subclass__": true, "__class_getitem__": true}

// anchorNotNamed lists entries whose documentation anchor is a section or
// a related function rather than the name itself.
var anchorNotNamed = map[string]bool{
	"__prepare__":          true, // preparing-the-class-namespace
	"__classcell__":        true, // creating-the-class-object
	"__orig_bases__":       true, // types.get_original_bases
	"__weakref__":          true, // object.__slots__
	"__all__":              true, // the-import-statement
	"__wrapped__":          true, // functools.update_wrapper
	"__isabstractmethod__": true, // abc.abstractmethod
}

var sinceRE = regexp.MustCompile(`^(before 3\.0|3\.(0|[1-9][0-9]?))$`)

func TestEntriesComplete(t *testing.T) {
	all := All()
	if len(all) < 140 {
		t.Fatalf("catalogue has %d entries, want at least 140", len(all))
	}
	for _, e := range All() {
		what := e.Name + " (" + e.Kind.String() + ")"
		if !IsDunder(e.Name) {
			t.Errorf("%s: name is not of dunder shape", what)
		}
		if e.Kind < Method || e.Kind > ModuleHook {
			t.Errorf("%s: kind %d not set", what, e.Kind)
		}
		for field, v := range map[string]string{"Category": e.Category, "Signature": e.Signature, "Summary": e.Summary, "Returns": e.Returns, "Since": e.Since, "DocURL": e.DocURL} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: %s is empty", what, field)
			}
		}
		if len(e.CalledBy) == 0 {
			t.Errorf("%s: CalledBy is empty", what)
		}
		if len(e.Pitfalls) == 0 && !pitfallsOptional[e.Name] {
			t.Errorf("%s: Pitfalls is empty and the name is not in pitfallsOptional", what)
		}
		if !sinceRE.MatchString(e.Since) {
			t.Errorf("%s: Since %q is not \"before 3.0\" or a 3.x version", what, e.Since)
		}
		checkDocURL(t, what, e.DocURL)
		if i := strings.IndexByte(e.DocURL, '#'); i >= 0 && !anchorNotNamed[e.Name] {
			if !strings.Contains(e.DocURL[i+1:], strings.Trim(e.Name, "_")) {
				t.Errorf("%s: anchor of %q does not name the entry (add to anchorNotNamed if intended)", what, e.DocURL)
			}
		}
		checkMarkdownText(t, what+" Summary", e.Summary)
		checkMarkdownText(t, what+" Returns", e.Returns)
		for _, c := range e.CalledBy {
			checkMarkdownText(t, what+" CalledBy", c)
		}
		for _, p := range e.Pitfalls {
			checkMarkdownText(t, what+" Pitfall", p)
			if !strings.HasSuffix(p, ".") {
				t.Errorf("%s: pitfall does not end with a full stop: %q", what, p)
			}
		}
		if !strings.HasSuffix(e.Summary, ".") || !strings.HasSuffix(e.Returns, ".") {
			t.Errorf("%s: Summary and Returns must be sentences ending with a full stop", what)
		}
		if e.Kind == Attribute && !strings.HasPrefix(e.Returns, "Holds") {
			t.Errorf("%s: an attribute's Returns says what it holds and starts with \"Holds\": %q", what, e.Returns)
		}
	}
}

func TestKindMatchesSignature(t *testing.T) {
	for _, e := range All() {
		what := e.Name + " (" + e.Kind.String() + ")"
		lines := strings.Split(e.Signature, "\n")
		last := strings.TrimPrefix(lines[len(lines)-1], "async ")
		decorated := len(lines) == 2 && lines[0] == "@classmethod"
		if len(lines) > 2 || (len(lines) == 2 && !decorated) {
			t.Errorf("%s: unexpected signature lines %q", what, e.Signature)
		}
		switch e.Kind {
		case Attribute:
			if !strings.HasPrefix(e.Signature, e.Name+": ") || strings.Contains(e.Signature, "def ") {
				t.Errorf("%s: attribute signature must be %q, got %q", what, e.Name+": <type>", e.Signature)
			}
		case Method:
			if !strings.HasPrefix(last, "def "+e.Name+"(self") || decorated {
				t.Errorf("%s: method signature must start with def %s(self, got %q", what, e.Name, e.Signature)
			}
		case ClassMethod:
			if !strings.HasPrefix(last, "def "+e.Name+"(cls") && !strings.HasPrefix(last, "def "+e.Name+"(metacls") {
				t.Errorf("%s: class method signature must take cls or metacls first, got %q", what, e.Signature)
			}
			if decorated == implicitClassMethods[e.Name] {
				t.Errorf("%s: a class method is decorated with @classmethod exactly when Python does not make it one implicitly", what)
			}
		case StaticMethod:
			if e.Name != "__new__" || !strings.HasPrefix(last, "def __new__(cls") {
				t.Errorf("%s: only __new__ is an implicit static method, taking cls explicitly; got %q", what, e.Signature)
			}
		case ModuleHook:
			if !strings.HasPrefix(last, "def "+e.Name+"(") || strings.HasPrefix(last, "def "+e.Name+"(self") || strings.HasPrefix(last, "def "+e.Name+"(cls") {
				t.Errorf("%s: module hook must be a plain function, got %q", what, e.Signature)
			}
		}
		if e.Kind != Attribute && !strings.HasPrefix(last, "def ") {
			t.Errorf("%s: signature must be a def, got %q", what, e.Signature)
		}
	}
}

func TestNoDuplicatesAndLookup(t *testing.T) {
	all := All()
	seen := map[string]bool{}
	for _, e := range All() {
		key := e.Name + "/" + e.Kind.String()
		if seen[key] {
			t.Errorf("duplicate entry %s", key)
		}
		seen[key] = true
		var got Entry
		var ok bool
		if e.Kind == ModuleHook {
			got, ok = ModuleLevel(e.Name)
		} else {
			got, ok = Lookup(e.Name)
			if got.Kind == ModuleHook {
				t.Errorf("Lookup(%s) returned the module hook", e.Name)
			}
		}
		if !ok || got.Name != e.Name || got.Kind != e.Kind {
			t.Errorf("lookup of %s failed: %v %+v", key, ok, got.Name)
		}
	}
	// A name may be both a method and a module hook, nothing else.
	names := map[string]int{}
	for _, e := range All() {
		names[e.Name]++
	}
	for n, c := range names {
		if c > 1 {
			if _, ok := ModuleLevel(n); !ok || c > 2 {
				t.Errorf("%s appears %d times", n, c)
			}
		}
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].Name < all[j].Name }) {
		t.Error("All() is not sorted by name")
	}
	all[0].Name = "changed"
	if All()[0].Name == "changed" {
		t.Error("All() exposes the catalogue's backing array")
	}
	if _, ok := Lookup("__foo__"); ok {
		t.Error("Lookup(__foo__) succeeded")
	}
	if _, ok := ModuleLevel("__len__"); ok {
		t.Error("ModuleLevel(__len__) succeeded")
	}
	if e, _ := ModuleLevel("__getattr__"); e.Kind != ModuleHook || !strings.Contains(e.DocURL, "module.__getattr__") {
		t.Errorf("ModuleLevel(__getattr__) = %+v", e)
	}
}

// TestCrossReferences checks that every dunder a text mentions is itself
// explained somewhere: in the catalogue or in Unknown's hints.
func TestCrossReferences(t *testing.T) {
	for _, e := range All() {
		texts := append([]string{e.Summary, e.Returns}, e.CalledBy...)
		texts = append(texts, e.Pitfalls...)
		for _, h := range hooksIn(texts...) {
			if !known(h) && unknownHints[h] == "" {
				t.Errorf("%s mentions %s, which is neither catalogued nor hinted", e.Name, h)
			}
		}
	}
}

// TestRequiredNames is the list of the issue and the brief, checked
// independently of the generated names.json.
func TestRequiredNames(t *testing.T) {
	required := strings.Fields(`
		__new__ __init__ __del__ __repr__ __str__ __bytes__ __format__
		__lt__ __le__ __eq__ __ne__ __gt__ __ge__ __hash__ __bool__
		__getattr__ __getattribute__ __setattr__ __delattr__ __dir__
		__get__ __set__ __delete__ __set_name__ __slots__
		__init_subclass__ __class_getitem__ __mro_entries__ __prepare__ __instancecheck__ __subclasscheck__ __subclasshook__
		__call__ __len__ __length_hint__ __getitem__ __setitem__ __delitem__ __missing__ __iter__ __next__ __reversed__ __contains__
		__neg__ __pos__ __abs__ __invert__ __complex__ __int__ __float__ __index__ __round__ __trunc__ __floor__ __ceil__
		__enter__ __exit__ __match_args__ __buffer__ __release_buffer__
		__await__ __aiter__ __anext__ __aenter__ __aexit__
		__fspath__ __sizeof__ __reduce__ __reduce_ex__ __getstate__ __setstate__ __getnewargs__ __getnewargs_ex__ __copy__ __deepcopy__
		__name__ __qualname__ __module__ __doc__ __dict__ __class__ __bases__ __mro__ __all__ __file__ __path__ __spec__ __package__
		__loader__ __builtins__ __annotations__ __weakref__ __type_params__ __defaults__ __kwdefaults__ __code__ __globals__
		__closure__ __func__ __self__ __wrapped__ __objclass__ __debug__ __static_attributes__ __firstlineno__`)
	for _, stem := range []string{"add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and", "xor", "or"} {
		required = append(required, "__"+stem+"__", "__r"+stem+"__", "__i"+stem+"__")
	}
	required = append(required, "__divmod__", "__rdivmod__")
	for _, n := range required {
		if _, ok := Lookup(n); !ok {
			t.Errorf("%s is missing from the catalogue", n)
		}
	}
	for _, n := range []string{"__getattr__", "__dir__"} {
		if _, ok := ModuleLevel(n); !ok {
			t.Errorf("module-level %s is missing", n)
		}
	}
	if _, ok := Lookup("__idivmod__"); ok {
		t.Error("__idivmod__ does not exist in Python")
	}
}

func TestSpecificFacts(t *testing.T) {
	facts := []struct{ name, field, want string }{
		{"__eq__", "Pitfalls", "`__hash__` to `None`"},
		{"__bool__", "Returns", "`len(x) != 0`"},
		{"__getattr__", "Pitfalls", "only when normal lookup fails"},
		{"__del__", "Pitfalls", "not a destructor you can rely on"},
		{"__init_subclass__", "Pitfalls", "implicitly a class method"},
		{"__class_getitem__", "Pitfalls", "implicitly a class method"},
		{"__new__", "Pitfalls", "static method"},
		{"__len__", "CalledBy", "`len(x)`"},
		{"__add__", "CalledBy", "`x + y`"},
		{"__radd__", "CalledBy", "`y.__radd__(x)`"},
		{"__pow__", "Signature", "modulo=None"},
		{"__iadd__", "Pitfalls", "`return self`"},
		{"__buffer__", "Since", "3.12"},
		{"__matmul__", "Since", "3.5"},
		{"__aiter__", "Since", "3.5"},
		{"__match_args__", "Since", "3.10"},
		{"__len__", "DocURL", "https://docs.python.org/3/reference/datamodel.html#object.__len__"},
		{"__reduce__", "DocURL", "library/pickle.html#object.__reduce__"},
	}
	for _, f := range facts {
		e, ok := Lookup(f.name)
		if !ok {
			t.Errorf("%s missing", f.name)
			continue
		}
		var hay string
		switch f.field {
		case "Pitfalls":
			hay = strings.Join(e.Pitfalls, "\n")
		case "CalledBy":
			hay = strings.Join(e.CalledBy, "\n")
		case "Returns":
			hay = e.Returns
		case "Signature":
			hay = e.Signature
		case "Since":
			hay = e.Since
		case "DocURL":
			hay = e.DocURL
		}
		if !strings.Contains(hay, f.want) {
			t.Errorf("%s.%s does not say %q: %q", f.name, f.field, f.want, hay)
		}
	}
}

func TestIsDunder(t *testing.T) {
	for name, want := range map[string]bool{
		"__len__": true, "__init_subclass__": true, "__x__": true, "___x__": true, "__é__": true,
		"__": false, "____": false, "_____": false, "__len": false, "len__": false, "_len_": false,
		"__a-b__": false, "__a b__": false, "": false, "x": false, "__1__": true,
	} {
		if got := IsDunder(name); got != want {
			t.Errorf("IsDunder(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestKindString(t *testing.T) {
	seen := map[string]bool{}
	for k := Method; k <= ModuleHook; k++ {
		s := k.String()
		if s == "unknown" || seen[s] {
			t.Errorf("Kind(%d).String() = %q", k, s)
		}
		seen[s] = true
	}
	if Kind(0).String() != "unknown" {
		t.Error("Kind(0) should be unknown")
	}
}
