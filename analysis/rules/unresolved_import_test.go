package rules

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

// importRules are the three import diagnostics; their fixtures run with all three on.
var importRules = []string{"unresolved-import", "import-beyond-top-level", "missing-import-name"}

// ruleOfException is the rule that reports what CPython raised.
func ruleOfException(exc, msg string) string {
	switch {
	case exc == "ModuleNotFoundError":
		return "unresolved-import"
	case strings.HasPrefix(msg, "attempted relative import"):
		return "import-beyond-top-level"
	case strings.HasPrefix(msg, "cannot import name"):
		return "missing-import-name"
	}
	return ""
}

// checkImportRuleGolden runs the fixtures of rule (with every import rule on) and
// checks them against golden.json, what CPython raised importing each module
// (written by testdata/rules/unresolved-import/gen.py): a module CPython imports
// gets no import diagnostic; one that fails gets, as its first import diagnostic,
// CPython's exact message from the matching rule.
func checkImportRuleGolden(t *testing.T, rule string) {
	results := runFixtures(t, rule, importRules...)
	dir := filepath.Join("..", "..", "testdata", "rules", rule)
	data, err := os.ReadFile(filepath.Join(dir, "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(data, &golden); err != nil {
		t.Fatal(err)
	}
	ws, err := filepath.Abs(filepath.Join(dir, "ws"))
	if err != nil {
		t.Fatal(err)
	}
	res, ok := results["ws/"]
	if !ok {
		t.Fatalf("no ws/ case in %s", dir)
	}
	isImportRule := map[string]bool{}
	for _, r := range importRules {
		isImportRule[r] = true
	}
	files := make([]string, 0, len(golden))
	for f := range golden {
		files = append(files, f)
	}
	sort.Strings(files)
	errors := 0
	for _, file := range files {
		g := golden[file]
		var diags []analysis.Diagnostic
		for _, d := range res.Diags[file] {
			if isImportRule[d.Rule] {
				diags = append(diags, d)
			}
		}
		if g.Error == "" {
			for _, d := range diags {
				t.Errorf("%s: CPython imports it fine, pyward says %s: %s", file, d.Rule, d.Message)
			}
			continue
		}
		errors++
		want := strings.ReplaceAll(g.Message, "$WS", ws)
		wantRule := ruleOfException(g.Error, g.Message)
		if len(diags) == 0 {
			t.Errorf("%s: CPython raises %s: %s; pyward says nothing", file, g.Error, want)
			continue
		}
		if d := diags[0]; d.Rule != wantRule || d.Message != want {
			t.Errorf("%s: pyward says %s: %q, CPython raises %s: %q (%s)", file, d.Rule, d.Message, g.Error, want, wantRule)
		}
	}
	if errors == 0 {
		t.Errorf("%s: golden.json has no failing module", rule)
	}
}

func TestUnresolvedImport(t *testing.T) { checkImportRuleGolden(t, "unresolved-import") }

// TestGuardedImport checks which try statements make an import's failure expected.
func TestGuardedImport(t *testing.T) {
	for _, tc := range []struct {
		src     string
		guarded bool
	}{
		{"from .x import y\n", false},
		{"try:\n    from .x import y\nexcept ImportError:\n    pass\n", true},
		{"try:\n    from .x import y\nexcept (KeyError, ModuleNotFoundError) as e:\n    pass\n", true},
		{"try:\n    from .x import y\nexcept builtins.ImportError:\n    pass\n", true},
		{"try:\n    from .x import y\nexcept:\n    pass\n", true},
		{"try:\n    from .x import y\nexcept KeyError:\n    pass\n", false},
		{"try:\n    pass\nexcept ImportError:\n    from .x import y\n", false},
		{"try:\n    pass\nfinally:\n    from .x import y\n", false},
		{"try:\n    def f():\n        from .x import y\nexcept ImportError:\n    pass\n", false},
		{"try:\n    if a:\n        from .x import y\nexcept ImportError:\n    pass\n", true},
	} {
		m := parseImportTestModule(t, tc.src)
		if len(m.Imports) != 1 {
			t.Fatalf("%q: %d imports", tc.src, len(m.Imports))
		}
		if got := guardedImport(m.Tree, m.Imports[0].Node); got != tc.guarded {
			t.Errorf("%q: guarded = %v, want %v", tc.src, got, tc.guarded)
		}
	}
}

// parseImportTestModule builds the module of src.
func parseImportTestModule(t *testing.T, src string) *analysis.Module {
	t.Helper()
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return analysis.Build(tree)
}
