package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
	"github.com/pyward/pyward/pathing"
)

// The fixture harness. A rule's cases live in testdata/rules/<rule>/:
//
//   - a file case.py is checked alone, with no Index (the rule judges the file by itself);
//   - a folder case/ is a small workspace: every .py file under it is checked with an
//     Index whose only import root is the folder, so cross-file facts resolve.
//
// Expected findings are trailing comments on the line they belong to:
// `# expect: rule-name` or `# expect: rule-a, rule-b`. A rule name may be followed by
// the source text of the finding's span in backquotes, `# expect: missing-await
// `self.client.fetch()``; then the findings of that rule on that line must cover
// exactly those texts (one backquoted text per finding). A line `# fixture:
// check-tests` anywhere in a case turns on privateAccess.checkTests for that case.

// expectRe finds the expectation comment of a line.
var expectRe = regexp.MustCompile(`#\s*expect:\s*([a-z0-9, -]+)`)

// expectItemRe reads one expectation with its optional span text.
var expectItemRe = regexp.MustCompile("([a-z0-9-]+)(?:\\s*`([^`]*)`)?")

// expectFullRe finds the whole expectation comment of a line, span texts included.
var expectFullRe = regexp.MustCompile(`#\s*expect:\s*(.*)$`)

// spanExpectations reads the span texts of the `# expect:` comments of src, keeping only
// the rules in keep: by finding, the texts its findings must cover.
func spanExpectations(rel string, src []byte, keep map[string]bool) map[finding][]string {
	out := map[finding][]string{}
	for i, line := range strings.Split(string(src), "\n") {
		m := expectFullRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, it := range expectItemRe.FindAllStringSubmatch(m[1], -1) {
			if !keep[it[1]] || !strings.Contains(it[0], "`") {
				continue
			}
			f := finding{File: rel, Line: i + 1, Rule: it[1]}
			out[f] = append(out[f], it[2])
		}
	}
	return out
}

// finding is one (file, line, rule) triple; line is 1-based as Python prints it.
type finding struct {
	File string
	Line int
	Rule string
}

func (f finding) String() string { return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Rule) }

// fixtureCase is one case: a file or a folder under testdata/rules/<rule>/.
type fixtureCase struct {
	Name  string // "x.py" or "folder/"
	Root  string // the folder of the case (the file's folder for a single file)
	Files []string
	Dir   bool
}

// fixtureCases lists the cases of the rule directory dir.
func fixtureCases(t *testing.T, dir string) []fixtureCase {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("fixtures: %v", err)
	}
	var out []fixtureCase
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			c := fixtureCase{Name: e.Name() + "/", Root: p, Dir: true}
			err := filepath.WalkDir(p, func(q string, d os.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && (strings.HasSuffix(q, ".py") || strings.HasSuffix(q, ".pyi")) {
					c.Files = append(c.Files, q)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		case strings.HasSuffix(e.Name(), ".py") || strings.HasSuffix(e.Name(), ".pyi"):
			out = append(out, fixtureCase{Name: e.Name(), Root: dir, Files: []string{p}})
		}
	}
	if len(out) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	return out
}

// expectations reads the `# expect:` comments of src, keeping only the rules in keep.
func expectations(rel string, src []byte, keep map[string]bool) []finding {
	var out []finding
	for i, line := range strings.Split(string(src), "\n") {
		m := expectRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, r := range strings.Split(m[1], ",") {
			r = strings.TrimSpace(r)
			if r != "" && keep[r] {
				out = append(out, finding{File: rel, Line: i + 1, Rule: r})
			}
		}
	}
	return out
}

// fixtureResult is what checking one case found and expected.
type fixtureResult struct {
	Got, Want []finding
	// GotSpans holds the source text of every finding; WantSpans the texts the
	// fixture states (only for findings whose expectation gives them).
	GotSpans, WantSpans map[finding][]string
	Diags               map[string][]analysis.Diagnostic // by relative file
	Modules             map[string]*analysis.Module
}

// checkCase runs the enabled rules over every file of the case.
func checkCase(t *testing.T, c fixtureCase, enabled []string) fixtureResult {
	t.Helper()
	keep := map[string]bool{}
	for _, r := range enabled {
		keep[r] = true
	}
	cfg := analysis.DefaultConfig().Only(enabled...)
	// The goldens are written by CPython 3.11 on Linux (testdata/rules/*/gen.py): the
	// code that runs there is the code that runs here.
	cfg.Target = analysis.Interp{Known: true, Major: 3, Minor: 11, Micro: 7, Platform: "linux", OSName: "posix"}
	for _, r := range enabled {
		if _, ok := analysis.RuleByName(r); !ok {
			t.Fatalf("rule %s is not registered", r)
		}
	}
	var ix *analysis.Index
	if c.Dir {
		abs, err := filepath.Abs(c.Root)
		if err != nil {
			t.Fatal(err)
		}
		ix = analysis.NewIndex(pathing.OSFS, pathing.Host)
		ix.SetRoots([]string{abs})
	}
	res := fixtureResult{Diags: map[string][]analysis.Diagnostic{}, Modules: map[string]*analysis.Module{},
		GotSpans: map[finding][]string{}, WantSpans: map[finding][]string{}}
	for _, p := range c.Files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(c.Root, p)
		rel = filepath.ToSlash(rel)
		if strings.Contains(string(src), "# fixture: check-tests") {
			cfg.CheckTests = true
		}
		res.Want = append(res.Want, expectations(rel, src, keep)...)
		for f, texts := range spanExpectations(rel, src, keep) {
			res.WantSpans[f] = texts
		}
		tree, err := syntax.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(p)
		f := &analysis.File{Path: abs, Module: analysis.Build(tree)}
		if ix != nil {
			ix.SetOpen(abs, f)
		}
		res.Modules[rel] = f.Module
	}
	for _, p := range c.Files {
		rel, _ := filepath.Rel(c.Root, p)
		rel = filepath.ToSlash(rel)
		abs, _ := filepath.Abs(p)
		f := &analysis.File{Path: abs, Module: res.Modules[rel]}
		diags := analysis.Check(context.Background(), f, ix, cfg)
		res.Diags[rel] = diags
		for _, d := range diags {
			line := int(f.Module.Lines.Position(d.Span.Start, analysis.UTF8).Line) + 1
			fd := finding{File: rel, Line: line, Rule: d.Rule}
			res.Got = append(res.Got, fd)
			res.GotSpans[fd] = append(res.GotSpans[fd], string(f.Module.Tree.Src[d.Span.Start:d.Span.End]))
		}
	}
	return res
}

// runFixtures checks every case of testdata/rules/<rule>/ with the enabled rules on
// (and every other rule off), comparing what they find with the `# expect:` comments
// for those rules. It returns the results by case name for further checks.
func runFixtures(t *testing.T, rule string, enabled ...string) map[string]fixtureResult {
	t.Helper()
	if len(enabled) == 0 {
		enabled = []string{rule}
	}
	dir := filepath.Join("..", "..", "testdata", "rules", rule)
	out := map[string]fixtureResult{}
	for _, c := range fixtureCases(t, dir) {
		res := checkCase(t, c, enabled)
		out[c.Name] = res
		got, want := findingSet(res.Got), findingSet(res.Want)
		for _, f := range sortedFindings(want) {
			if !got[f] {
				t.Errorf("%s/%s: missing %s", rule, c.Name, f)
			}
		}
		for _, f := range sortedFindings(got) {
			if !want[f] {
				msg := ""
				for _, d := range res.Diags[f.File] {
					if d.Rule == f.Rule {
						msg = d.Message
					}
				}
				t.Errorf("%s/%s: unexpected %s (%s)", rule, c.Name, f, msg)
			}
		}
		for f, want := range res.WantSpans {
			got := append([]string(nil), res.GotSpans[f]...)
			want = append([]string(nil), want...)
			sort.Strings(got)
			sort.Strings(want)
			if got != nil && strings.Join(got, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("%s/%s: %s: spans %q, want %q", rule, c.Name, f, got, want)
			}
		}
	}
	return out
}

func findingSet(fs []finding) map[finding]bool {
	out := map[finding]bool{}
	for _, f := range fs {
		out[f] = true
	}
	return out
}

func sortedFindings(s map[finding]bool) []finding {
	out := make([]finding, 0, len(s))
	for f := range s {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// mustRule returns the registered rule called name.
func mustRule(t testing.TB, name string) *analysis.Rule {
	r, ok := analysis.RuleByName(name)
	if !ok {
		t.Fatalf("rule %s is not registered", name)
	}
	return r
}
