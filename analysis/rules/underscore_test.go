package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// underscoreRules are the six rules run together over every underscore fixture, so
// that a case of one rule also proves the others stay quiet.
var underscoreRules = []string{
	"private-member-access",
	"private-module-import",
	"mangled-attribute-access",
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
