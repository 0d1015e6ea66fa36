package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// Verdicts an error finding can carry in the snapshot.
const (
	VerdictTrue     = "true"     // Python really fails there
	VerdictFalse    = "false"    // Python does not fail there: a false runtime claim
	VerdictUnclear  = "unclear"  // cannot be decided (say why)
	VerdictUnjudged = "unjudged" // new and not judged yet: fails the check until judged
)

// Finding is one diagnostic of `pyward check --format json`.
type Finding struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

// Entry is one error-severity finding in the snapshot, with its verdict.
type Entry struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Verdict string `json:"verdict"`
	Reason  string `json:"reason"`
	// By is "cpython" when verdict.py computed the verdict (recomputed on every run),
	// "hand" when a person wrote it.
	By string `json:"by"`
}

func (e Entry) key() string {
	return fmt.Sprintf("%s:%d:%d [%s] %s", e.Path, e.Line, e.Column, e.Rule, e.Message)
}

// ProjectSnap is one project's findings: every error finding with its verdict, and the
// number of findings of each lower severity per rule ("warning private-member-access").
type ProjectSnap struct {
	Name    string         `json:"name"`
	Package string         `json:"package"`
	Counts  map[string]int `json:"counts"`
	Errors  []Entry        `json:"errors"`
}

// Snapshot is testdata/ecosystem/snapshot.json.
type Snapshot struct {
	Python   string        `json:"python"`
	Projects []ProjectSnap `json:"projects"`
}

func (s *Snapshot) project(name string) *ProjectSnap {
	for i := range s.Projects {
		if s.Projects[i].Name == name {
			return &s.Projects[i]
		}
	}
	return nil
}

func loadSnapshot(path string) (*Snapshot, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return &Snapshot{}, nil
	}
	if err != nil {
		return nil, err
	}
	var s Snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &s, nil
}

// encode writes the snapshot with one error entry per line, so that a change of one
// finding is a one-line diff.
func (s *Snapshot) encode() []byte {
	var b bytes.Buffer
	line := func(v any) string {
		data, _ := json.Marshal(v)
		return string(data)
	}
	fmt.Fprintf(&b, "{\n  \"python\": %s,\n  \"projects\": [", line(s.Python))
	for i, p := range s.Projects {
		if i > 0 {
			b.WriteString(",")
		}
		counts := p.Counts
		if counts == nil {
			counts = map[string]int{}
		}
		fmt.Fprintf(&b, "\n    {\n      \"name\": %s,\n      \"package\": %s,\n      \"counts\": %s,\n      \"errors\": [",
			line(p.Name), line(p.Package), line(counts))
		for j, e := range p.Errors {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n        " + line(e))
		}
		if len(p.Errors) > 0 {
			b.WriteString("\n      ")
		}
		b.WriteString("]\n    }")
	}
	b.WriteString("\n  ]\n}\n")
	return b.Bytes()
}

// newProjectSnap turns one project's findings into its snapshot: error findings become
// entries, sorted, with the verdict CPython computed (computed[key]), else the verdict a
// person wrote in the old snapshot, else unjudged; the rest are counted per rule.
func newProjectSnap(p Project, findings []Finding, computed map[string]Entry, old *ProjectSnap) ProjectSnap {
	ps := ProjectSnap{Name: p.Name, Package: p.Pin(), Counts: map[string]int{}}
	oldByKey := map[string]Entry{}
	if old != nil {
		for _, e := range old.Errors {
			oldByKey[e.key()] = e
		}
	}
	for _, f := range findings {
		if f.Severity != "error" {
			ps.Counts[f.Severity+" "+f.Rule]++
			continue
		}
		e := Entry{Path: f.Path, Line: f.Line, Column: f.Column, Rule: f.Rule, Message: f.Message, Verdict: VerdictUnjudged, By: "hand"}
		if c, ok := computed[e.key()]; ok {
			e.Verdict, e.Reason, e.By = c.Verdict, c.Reason, "cpython"
		} else if o, ok := oldByKey[e.key()]; ok && o.By == "hand" {
			e.Verdict, e.Reason = o.Verdict, o.Reason
		}
		ps.Errors = append(ps.Errors, e)
	}
	sort.Slice(ps.Errors, func(i, j int) bool {
		a, b := ps.Errors[i], ps.Errors[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.key() < b.key()
	})
	return ps
}

// diff lists what differs between the committed snapshot and this run, one line each:
// "+ project: entry" for a new finding, "- project: entry" for one that is gone, "~" for a
// changed verdict or count.
func diff(old, cur *Snapshot) []string {
	var out []string
	if old.Python != cur.Python {
		out = append(out, fmt.Sprintf("~ python: %q -> %q", old.Python, cur.Python))
	}
	for _, cp := range cur.Projects {
		op := old.project(cp.Name)
		if op == nil {
			out = append(out, fmt.Sprintf("+ project %s (%d errors)", cp.Name, len(cp.Errors)))
			op = &ProjectSnap{}
		}
		if op.Package != "" && op.Package != cp.Package {
			out = append(out, fmt.Sprintf("~ %s: package %s -> %s", cp.Name, op.Package, cp.Package))
		}
		oldE := map[string]Entry{}
		for _, e := range op.Errors {
			oldE[e.key()] = e
		}
		curE := map[string]bool{}
		for _, e := range cp.Errors {
			curE[e.key()] = true
			o, ok := oldE[e.key()]
			switch {
			case !ok:
				out = append(out, fmt.Sprintf("+ %s: %s  => %s: %s", cp.Name, e.key(), e.Verdict, e.Reason))
			case o.Verdict != e.Verdict || o.By != e.By || (e.By == "cpython" && o.Reason != e.Reason):
				out = append(out, fmt.Sprintf("~ %s: %s  verdict %s (%s) -> %s (%s)", cp.Name, e.key(), o.Verdict, o.Reason, e.Verdict, e.Reason))
			}
		}
		for _, e := range op.Errors {
			if !curE[e.key()] {
				out = append(out, fmt.Sprintf("- %s: %s", cp.Name, e.key()))
			}
		}
		for _, k := range unionKeys(op.Counts, cp.Counts) {
			if op.Counts[k] != cp.Counts[k] {
				out = append(out, fmt.Sprintf("~ %s: %d -> %d findings %s", cp.Name, op.Counts[k], cp.Counts[k], k))
			}
		}
	}
	for _, op := range old.Projects {
		if cur.project(op.Name) == nil {
			out = append(out, fmt.Sprintf("- project %s", op.Name))
		}
	}
	return out
}

func unionKeys(a, b map[string]int) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// unjudged lists the error entries without a verdict, or without a reason.
func unjudged(s *Snapshot) []string {
	var out []string
	valid := map[string]bool{VerdictTrue: true, VerdictFalse: true, VerdictUnclear: true}
	for _, p := range s.Projects {
		for _, e := range p.Errors {
			if !valid[e.Verdict] || strings.TrimSpace(e.Reason) == "" {
				out = append(out, p.Name+": "+e.key())
			}
		}
	}
	return out
}
