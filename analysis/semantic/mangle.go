package semantic

import (
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// Mangle returns the spelling CPython's compiler gives to name when it is written
// inside the body of a class called className (or in a function, lambda or
// comprehension nested in that body): `__x` becomes `_Foo__x`. It follows
// _Py_Mangle exactly: only names that start with two underscores are mangled; names
// that end with two underscores, and dotted names (import a.b), are not; leading
// underscores of the class name are stripped (`_Foo` mangles `__x` to `_Foo__x`), and
// a class named only of underscores mangles nothing. An empty className (code that
// stands in no class) leaves name as it is.
func Mangle(className, name string) string {
	if className == "" || !strings.HasPrefix(name, "__") {
		return name
	}
	if strings.HasSuffix(name, "__") || strings.Contains(name, ".") {
		return name
	}
	stripped := strings.TrimLeft(className, "_")
	if stripped == "" {
		return name
	}
	return "_" + stripped + name
}

// IsMangledName reports whether name is one the compiler mangles inside a class:
// it starts with two underscores and does not end with two (`__x`, not `__x__`).
func IsMangledName(name string) bool {
	return len(name) > 2 && strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__") && !strings.Contains(name, ".")
}

// Demangle undoes Mangle for a name spelled `_Class__x`: it returns the class name
// without leading underscores ("Class") and the private name ("__x"). ok is false
// when name does not have that shape.
func Demangle(name string) (class, private string, ok bool) {
	if len(name) < 4 || name[0] != '_' || name[1] == '_' {
		return "", "", false
	}
	i := strings.Index(name[1:], "__")
	if i <= 0 {
		return "", "", false
	}
	class, private = name[1:1+i], name[1+i:]
	if !IsMangledName(private) {
		return "", "", false
	}
	return class, private, true
}

// ManglingClass returns the class whose name mangles the private names written in
// scope s: the innermost class whose body contains s, through functions, lambdas
// and comprehensions (a nested class mangles with its own name). It returns nil at
// module level and in functions that stand in no class.
func ManglingClass(s *analysis.Scope) *analysis.Class {
	return s.EnclosingClass()
}

// PrivateName returns the class name the compiler mangles with in scope s ("" when
// no class encloses s). Pass it to Mangle.
func PrivateName(s *analysis.Scope) string {
	if c := ManglingClass(s); c != nil {
		return c.Name
	}
	return ""
}

// Mangles reports whether `__x` names written in scope s are rewritten: s stands in
// a class whose name is not made only of underscores.
func Mangles(s *analysis.Scope) bool {
	return strings.TrimLeft(PrivateName(s), "_") != ""
}

// MangledAt returns the spelling the compiler uses for the identifier node n: its text
// mangled with the class that encloses n (see Mangle). Keyword-argument names at call
// sites are never mangled (they are passed as strings), nor are the keywords of
// class patterns in match statements. Identifiers that are part of a dotted module
// path in an import (`import __a.b`, `from __a.b import x`) are left alone, like the
// compiler leaves the dotted string; only a single-segment module or imported name
// is mangled. For nodes that are not identifiers it returns their text.
func MangledAt(m *analysis.Module, n syntax.NodeID) string {
	t := m.Tree
	text := t.Text(n)
	if t.Type(n) != "identifier" || !IsMangledName(text) {
		return text
	}
	p := t.Parent(n)
	if p != syntax.NoNode {
		switch t.Type(p) {
		case "keyword_argument":
			if t.Field(n) == "name" {
				return text
			}
		case "keyword_pattern":
			if t.FirstChild(p) == n {
				return text
			}
		case "dotted_name":
			if len(t.NamedChildren(p)) > 1 {
				gp := t.Parent(p)
				if gp != syntax.NoNode && t.Type(gp) == "aliased_import" {
					gp = t.Parent(gp)
				}
				if gp != syntax.NoNode {
					switch t.Type(gp) {
					case "import_statement":
						// `import __a.b` binds __a (mangled) but imports "__a.b" (not mangled):
						// the identifier node names the bound name when it is the first segment.
						if t.NamedChildren(p)[0] != n || t.Type(t.Parent(p)) == "aliased_import" {
							return text
						}
					case "import_from_statement", "relative_import":
						return text
					}
				}
			}
		}
	}
	return Mangle(PrivateName(m.ScopeOf(n)), text)
}
