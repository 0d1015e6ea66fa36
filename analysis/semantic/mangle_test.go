package semantic

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

func TestMangle(t *testing.T) {
	tests := []struct {
		class, name, want string
	}{
		{"Foo", "__x", "_Foo__x"},
		{"_Foo", "__x", "_Foo__x"},
		{"__Foo", "__x", "_Foo__x"},
		{"___Foo_", "__x", "_Foo___x"},
		{"Foo", "__x__", "__x__"},
		{"Foo", "__x_", "_Foo__x_"},
		{"Foo", "__", "__"},
		{"Foo", "___", "___"},
		{"Foo", "_x", "_x"},
		{"Foo", "x", "x"},
		{"Foo", "__a.b", "__a.b"},
		{"___", "__x", "__x"},
		{"_", "__x", "__x"},
		{"", "__x", "__x"},
		{"Foo", "____x", "_Foo____x"},
	}
	for _, tt := range tests {
		if got := Mangle(tt.class, tt.name); got != tt.want {
			t.Errorf("Mangle(%q, %q) = %q, want %q", tt.class, tt.name, got, tt.want)
		}
	}
}

func TestDemangle(t *testing.T) {
	tests := []struct {
		name, class, private string
		ok                   bool
	}{
		{"_Foo__x", "Foo", "__x", true},
		{"_Foo___x", "Foo", "___x", true},
		{"_Foo__x__", "", "", false},
		{"__x", "", "", false},
		{"_x", "", "", false},
		{"_Foo_x", "", "", false},
		{"_A_B__x", "A_B", "__x", true},
	}
	for _, tt := range tests {
		c, p, ok := Demangle(tt.name)
		if c != tt.class || p != tt.private || ok != tt.ok {
			t.Errorf("Demangle(%q) = %q, %q, %v; want %q, %q, %v", tt.name, c, p, ok, tt.class, tt.private, tt.ok)
		}
		if ok && Mangle(c, p) != tt.name {
			t.Errorf("Mangle(Demangle(%q)) = %q", tt.name, Mangle(c, p))
		}
	}
}

// interestingName mirrors gen.py: names starting with an underscore that are not dunders.
func interestingName(n string) bool {
	return strings.HasPrefix(n, "_") && !(len(n) > 4 && strings.HasPrefix(n, "__") && strings.HasSuffix(n, "__"))
}

// TestMangledAtMatchesCPython compares the names pyward's mangling gives every
// identifier of the snippets in testdata/rules/underscore/mangle with the names
// CPython's compiler put in the code objects (recorded by gen.py).
func TestMangledAtMatchesCPython(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "rules", "underscore")
	raw, err := os.ReadFile(filepath.Join(dir, "mangle.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]struct {
		Names       []string `json:"names"`
		TupleConsts []string `json:"tuple_consts"`
	}
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	if len(golden) == 0 {
		t.Fatal("empty golden")
	}
	for file, want := range golden {
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, "mangle", file))
			if err != nil {
				t.Fatal(err)
			}
			tree, err := syntax.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			m := analysis.Build(tree)
			names, consts := map[string]bool{}, map[string]bool{}
			for i := range tree.Nodes {
				n := syntax.NodeID(i)
				if tree.Type(n) != "identifier" {
					continue
				}
				got := MangledAt(m, n)
				if !interestingName(got) {
					continue
				}
				p := tree.Parent(n)
				switch {
				case tree.Type(p) == "dotted_name" && len(tree.NamedChildren(p)) > 1 && tree.Ancestor(n, "import_statement", "import_from_statement") != syntax.NoNode:
					names[tree.Text(p)] = true // IMPORT_NAME takes the dotted path as written
					if got != tree.Text(n) {
						names[got] = true // the name `import __a.b` binds
					}
				case tree.Type(p) == "keyword_argument" && tree.Field(n) == "name":
					consts[got] = true // kwnames of the call
				case isFromImportedName(tree, n):
					consts[tree.Text(n)] = true // the fromlist keeps the name as written
					names[got] = true           // IMPORT_FROM and the store are mangled
				case isKeywordOnlyDefault(tree, n):
					consts[got] = true // key of the kwdefaults dict
					names[got] = true
				default:
					names[got] = true
				}
			}
			if g, w := sortedKeys(names), want.Names; strings.Join(g, " ") != strings.Join(w, " ") {
				t.Errorf("names:\n got %v\nwant %v (CPython)", g, w)
			}
			if g, w := sortedKeys(consts), want.TupleConsts; strings.Join(g, " ") != strings.Join(w, " ") {
				t.Errorf("tuple consts:\n got %v\nwant %v (CPython)", g, w)
			}
		})
	}
}

// isFromImportedName reports whether n is the imported name (not the alias) of a
// from-import.
func isFromImportedName(t *syntax.Tree, n syntax.NodeID) bool {
	p := t.Parent(n)
	if t.Type(p) != "dotted_name" || t.Field(p) != "name" && t.Type(t.Parent(p)) != "aliased_import" {
		return false
	}
	stmt := t.Ancestor(n, "import_from_statement", "import_statement")
	return stmt != syntax.NoNode && t.Type(stmt) == "import_from_statement" && t.Field(p) != "module_name"
}

// isKeywordOnlyDefault reports whether n names a parameter with a default after a bare *.
func isKeywordOnlyDefault(t *syntax.Tree, n syntax.NodeID) bool {
	p := t.Parent(n)
	if t.Field(n) != "name" || (t.Type(p) != "default_parameter" && t.Type(p) != "typed_default_parameter") {
		return false
	}
	for s := t.FirstChild(t.Parent(p)); s != syntax.NoNode && s != p; s = t.NextSibling(s) {
		if typ := t.Type(s); typ == "keyword_separator" || typ == "list_splat_pattern" {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
