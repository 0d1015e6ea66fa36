package rules

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// asyncioGolden is what testdata/rules/asyncio/gen.py recorded by running the asyncio
// rules' fixtures with CPython.
type asyncioGolden struct {
	sha      map[string]string           // "rule/file.py" -> sha256 of the fixture
	outcomes map[string]map[int][]string // "rule/file.py" -> line -> outcomes
	facts    []string
}

var goldenLineRe = regexp.MustCompile(`^([a-z-]+/[^:]+):(\d+|None): (.*)$`)

func readAsyncioGolden(t *testing.T) asyncioGolden {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "rules", "asyncio", "golden.txt"))
	if err != nil {
		t.Fatalf("golden: %v (run python3 testdata/rules/asyncio/gen.py)", err)
	}
	defer f.Close()
	g := asyncioGolden{sha: map[string]string{}, outcomes: map[string]map[int][]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "fact: "):
			g.facts = append(g.facts, strings.TrimPrefix(line, "fact: "))
		case strings.HasPrefix(line, "file "):
			parts := strings.Fields(line)
			if len(parts) == 4 {
				g.sha[parts[1]] = parts[3]
			}
		default:
			m := goldenLineRe.FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("golden: cannot read %q", line)
			}
			n, _ := strconv.Atoi(m[2]) // None (no line in the fixture) is 0
			if g.outcomes[m[1]] == nil {
				g.outcomes[m[1]] = map[int][]string{}
			}
			g.outcomes[m[1]][n] = append(g.outcomes[m[1]][n], m[3])
		}
	}
	return g
}

// checkAgainstCPython runs the rule's fixtures (through the shared harness) and checks
// them against what CPython did with them: every `# expect: rule` line has an outcome
// with one of the prefixes in confirms at that line, and every such outcome in the
// rule's fixtures is expected, so positives and negatives are both confirmed.
func checkAgainstCPython(t *testing.T, rule string, confirms ...string) map[string]fixtureResult {
	t.Helper()
	res := runFixtures(t, rule)
	g := readAsyncioGolden(t)
	dir := filepath.Join("..", "..", "testdata", "rules", rule)
	for name, r := range res {
		prefix := ""
		if strings.HasSuffix(name, "/") {
			prefix = name // a workspace: its files are keyed by their path in it
		}
		for rel := range r.Modules {
			checkFileAgainstCPython(t, g, rule, dir, prefix+rel, r, rel, confirms)
		}
	}
	return res
}

// checkFileAgainstCPython checks one fixture file (key: its path under the rule's folder).
func checkFileAgainstCPython(t *testing.T, g asyncioGolden, rule, dir, name string, r fixtureResult, rel string, confirms []string) {
	t.Helper()
	{
		key := rule + "/" + name
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(src)
		if g.sha[key] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s changed since golden.txt was generated: run python3 testdata/rules/asyncio/gen.py", key)
			return
		}
		confirmed := func(line int) bool {
			for _, o := range g.outcomes[key][line] {
				for _, p := range confirms {
					if strings.HasPrefix(o, p) {
						return true
					}
				}
			}
			return false
		}
		want := map[int]bool{}
		for _, f := range r.Want {
			if f.File != rel {
				continue
			}
			want[f.Line] = true
			if !confirmed(f.Line) {
				t.Errorf("%s:%d: expected %s, but CPython did not confirm it (outcomes: %q)", key, f.Line, rule, g.outcomes[key][f.Line])
			}
		}
		for line := range g.outcomes[key] {
			if confirmed(line) && !want[line] {
				t.Errorf("%s:%d: CPython reports %q there, but the fixture expects no %s", key, line, g.outcomes[key][line], rule)
			}
		}
	}
}

func TestMissingAwaitFixtures(t *testing.T) {
	checkAgainstCPython(t, "missing-await", "RuntimeWarning: coroutine")
}

func TestAsyncioFacts(t *testing.T) {
	g := readAsyncioGolden(t)
	want := []string{
		"bool(coroutine) is True",
		"async generator function is a coroutine function: False",
		"asyncio keeps tasks in a WeakSet: True",
	}
	have := map[string]bool{}
	for _, f := range g.facts {
		have[f] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("golden.txt lacks the fact %q", w)
		}
	}
}

// checkSource runs one rule over src (a file at path, no Index) with cfg.
func checkSource(t *testing.T, rule, path, src string, cfg analysis.Config, notebook bool) []analysis.Diagnostic {
	t.Helper()
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cfg = cfg.Only(rule)
	f := &analysis.File{Path: path, Notebook: notebook, Module: analysis.Build(tree)}
	return analysis.Check(context.Background(), f, nil, cfg)
}

// applyFix applies the edits of the fix titled title of the only finding.
func applyFix(t *testing.T, src string, diags []analysis.Diagnostic, title string) string {
	t.Helper()
	if len(diags) != 1 {
		t.Fatalf("want 1 finding, got %d: %+v", len(diags), diags)
	}
	for _, f := range diags[0].Fixes {
		if f.Title != title {
			continue
		}
		out := src
		for i := len(f.Edits) - 1; i >= 0; i-- {
			e := f.Edits[i]
			out = out[:e.Span.Start] + e.NewText + out[e.Span.End:]
		}
		return out
	}
	return "<no fix " + title + ">"
}

func TestMissingAwaitFixAndMessage(t *testing.T) {
	tests := []struct {
		name, src, want, msg string
	}{
		{
			name: "bare call in async def",
			src:  "async def fetch(): pass\nasync def main():\n    fetch()\n",
			want: "async def fetch(): pass\nasync def main():\n    await fetch()\n",
			msg:  "'fetch()' creates a coroutine that is never awaited: its body never runs",
		},
		{
			name: "unused variable",
			src:  "async def fetch(): pass\nasync def main():\n    r = fetch()\n",
			want: "async def fetch(): pass\nasync def main():\n    r = await fetch()\n",
			msg:  "'fetch()' creates a coroutine that is never awaited (r is never read): its body never runs",
		},
		{
			name: "in a plain def: no await fix",
			src:  "async def fetch(): pass\ndef main():\n    fetch()\n",
			want: "<no fix Add await>",
			msg:  "'fetch()' creates a coroutine that is never awaited: its body never runs",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			diags := checkSource(t, "missing-await", "/w/a.py", tc.src, analysis.DefaultConfig(), false)
			if got := applyFix(t, tc.src, diags, "Add await"); got != tc.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, tc.want)
			}
			if diags[0].Message != tc.msg {
				t.Errorf("message %q, want %q", diags[0].Message, tc.msg)
			}
			if diags[0].Severity != analysis.SeverityWarning {
				t.Errorf("severity %v, want warning", diags[0].Severity)
			}
		})
	}
}

func TestMissingAwaitNegatives(t *testing.T) {
	for _, src := range []string{
		"async def fetch(): pass\nasync def main():\n    r = fetch()\n    return locals()\n",                // locals() may read r
		"async def fetch(): pass\nasync def main():\n    r = fetch()\n    def inner():\n        return r\n", // read by a closure
		"async def fetch(): pass\nr = fetch()\n",                                                            // a module global: other modules may read it
		"async def fetch(): pass\nasync def main():\n    global r\n    r = fetch()\n",                       // a global
		"async def fetch(): pass\nasync def main(t):\n    t.assertRaises(TypeError)\n    with t.assertRaises(TypeError):\n        fetch(1)\n",
	} {
		if diags := checkSource(t, "missing-await", "/w/a.py", src, analysis.DefaultConfig(), false); len(diags) != 0 {
			t.Errorf("%q: unexpected %+v", src, diags)
		}
	}
}
