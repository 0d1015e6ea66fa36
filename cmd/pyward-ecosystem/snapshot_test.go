package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestParseCorpus(t *testing.T) {
	tests := []struct {
		name, text, err string
		projects        int
	}{
		{"ok", "# c\npython /usr/bin/python3\nnumpy python3-numpy=1:1.24 /usr/lib/x numpy\n", "", 1},
		{"no python", "numpy python3-numpy=1 /x numpy\n", "no `python PATH` line", 0},
		{"no version", "python p\nnumpy python3-numpy /x numpy\n", "is not package=version", 0},
		{"short line", "python p\nnumpy python3-numpy=1 /x\n", "want `name package=version top path`", 0},
		{"twice", "python p\na b=1 /x a\na b=1 /x a\n", "listed twice", 0},
		{"empty", "python p\n", "no projects", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parseCorpus(strings.NewReader(tt.text))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || len(c.Projects) != tt.projects {
				t.Fatalf("parse = %+v, %v", c, err)
			}
			if p := c.Projects[0]; p.Pin() != "python3-numpy=1:1.24" || p.Top != "/usr/lib/x" || p.Path != "numpy" {
				t.Errorf("project = %+v", p)
			}
		})
	}
}

// The committed snapshot parses, and every error entry in it has a verdict and a reason.
func TestCommittedSnapshotIsJudged(t *testing.T) {
	s, err := loadSnapshot("../../testdata/ecosystem/snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Projects) == 0 {
		t.Fatal("the committed snapshot has no projects")
	}
	if u := unjudged(s); len(u) > 0 {
		t.Errorf("unjudged entries:\n%s", strings.Join(u, "\n"))
	}
	data, err := os.ReadFile("../../testdata/ecosystem/snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.encode(), data) {
		t.Error("snapshot.json is not in the form --update writes (one error entry per line)")
	}
}

func TestNewProjectSnapVerdicts(t *testing.T) {
	p := Project{Name: "demo", Package: "python3-demo", Version: "1"}
	findings := []Finding{
		{Path: "b.py", Line: 3, Column: 1, Severity: "error", Rule: "unresolved-import", Message: "No module named 'x'"},
		{Path: "a.py", Line: 9, Column: 2, Severity: "error", Rule: "mangled-attribute-access", Message: "m1"},
		{Path: "a.py", Line: 1, Column: 2, Severity: "error", Rule: "coroutine-in-condition", Message: "m2"},
		{Path: "a.py", Line: 5, Column: 2, Severity: "warning", Rule: "private-member-access", Message: "w"},
		{Path: "a.py", Line: 6, Column: 2, Severity: "warning", Rule: "private-member-access", Message: "w"},
	}
	computed := map[string]Entry{
		(Entry{Path: "b.py", Line: 3, Column: 1, Rule: "unresolved-import", Message: "No module named 'x'"}).key(): {Verdict: VerdictTrue, Reason: "CPython: ModuleNotFoundError"},
	}
	old := &ProjectSnap{Errors: []Entry{
		{Path: "a.py", Line: 9, Column: 2, Rule: "mangled-attribute-access", Message: "m1", Verdict: VerdictTrue, Reason: "read by hand", By: "hand"},
		{Path: "b.py", Line: 3, Column: 1, Rule: "unresolved-import", Message: "No module named 'x'", Verdict: VerdictFalse, Reason: "stale", By: "cpython"},
	}}
	ps := newProjectSnap(p, findings, computed, old)
	got := map[string]string{}
	for _, e := range ps.Errors {
		got[e.Path+":"+e.Rule] = e.Verdict + "/" + e.By + "/" + e.Reason
	}
	want := map[string]string{
		"b.py:unresolved-import":        "true/cpython/CPython: ModuleNotFoundError", // computed wins over the old one
		"a.py:mangled-attribute-access": "true/hand/read by hand",                    // kept from the snapshot
		"a.py:coroutine-in-condition":   "unjudged/hand/",                            // new, not decidable by CPython
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if ps.Errors[0].Line != 1 || ps.Errors[1].Line != 9 || ps.Errors[2].Path != "b.py" {
		t.Errorf("entries not sorted by path and line: %+v", ps.Errors)
	}
	if ps.Counts["warning private-member-access"] != 2 {
		t.Errorf("counts = %v", ps.Counts)
	}
	if u := unjudged(&Snapshot{Projects: []ProjectSnap{ps}}); len(u) != 1 || !strings.Contains(u[0], "coroutine-in-condition") {
		t.Errorf("unjudged = %v", u)
	}
}

func TestDiff(t *testing.T) {
	e := func(line int, verdict string) Entry {
		return Entry{Path: "m.py", Line: line, Column: 1, Rule: "unresolved-import", Message: "No module named 'x'", Verdict: verdict, Reason: "r", By: "cpython"}
	}
	base := func() *Snapshot {
		return &Snapshot{Python: "py", Projects: []ProjectSnap{{Name: "p", Package: "pkg=1", Counts: map[string]int{"warning w": 2},
			Errors: []Entry{e(1, VerdictTrue), e(2, VerdictTrue)}}}}
	}
	tests := []struct {
		name   string
		change func(s *Snapshot)
		want   []string // prefixes of the diff lines, in order
	}{
		{"same", func(s *Snapshot) {}, nil},
		{"new finding", func(s *Snapshot) { s.Projects[0].Errors = append(s.Projects[0].Errors, e(3, VerdictFalse)) }, []string{"+ p: m.py:3:1"}},
		{"gone finding", func(s *Snapshot) { s.Projects[0].Errors = s.Projects[0].Errors[:1] }, []string{"- p: m.py:2:1"}},
		{"verdict changed", func(s *Snapshot) { s.Projects[0].Errors[0].Verdict = VerdictFalse }, []string{"~ p: m.py:1:1"}},
		{"count changed", func(s *Snapshot) { s.Projects[0].Counts["warning w"] = 3 }, []string{"~ p: 2 -> 3 findings warning w"}},
		{"new rule counted", func(s *Snapshot) { s.Projects[0].Counts["hint h"] = 1 }, []string{"~ p: 0 -> 1 findings hint h"}},
		{"project gone", func(s *Snapshot) { s.Projects = nil }, []string{"- project p"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := base()
			tt.change(cur)
			got := diff(base(), cur)
			if len(got) != len(tt.want) {
				t.Fatalf("diff = %q, want %d lines", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("line %d = %q, want prefix %q", i, got[i], w)
				}
			}
		})
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	s := &Snapshot{Python: "/usr/bin/python3", Projects: []ProjectSnap{
		{Name: "a", Package: "p=1", Counts: map[string]int{"warning x": 1}, Errors: []Entry{{Path: "m.py", Line: 1, Column: 2, Rule: "r", Message: "say \"hi\"", Verdict: "true", Reason: "why", By: "hand"}}},
		{Name: "b", Package: "q=2"},
	}}
	var back Snapshot
	if err := json.Unmarshal(s.encode(), &back); err != nil {
		t.Fatalf("encode wrote invalid JSON: %v\n%s", err, s.encode())
	}
	if d := diff(s, &back); len(d) > 0 {
		t.Errorf("round trip changed: %q", d)
	}
}

func TestSummaryPrecision(t *testing.T) {
	s := &Snapshot{Projects: []ProjectSnap{{Name: "a", Errors: []Entry{
		{Rule: "r1", Verdict: VerdictTrue}, {Rule: "r1", Verdict: VerdictTrue}, {Rule: "r1", Verdict: VerdictFalse},
		{Rule: "r1", Verdict: VerdictUnclear}, {Rule: "r2", Verdict: VerdictUnclear},
	}}}}
	var b bytes.Buffer
	summarize(&b, s)
	out := b.String()
	for _, want := range []string{"66.7%", "r2", "-"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if fc := falseClaims(s); len(fc) != 1 {
		t.Errorf("falseClaims = %v", fc)
	}
}
