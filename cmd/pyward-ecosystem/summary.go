package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// tally counts the error findings of one rule or project by verdict.
type tally struct {
	True, False, Unclear, Unjudged int
}

func (t *tally) add(verdict string) {
	switch verdict {
	case VerdictTrue:
		t.True++
	case VerdictFalse:
		t.False++
	case VerdictUnclear:
		t.Unclear++
	default:
		t.Unjudged++
	}
}

func (t tally) total() int { return t.True + t.False + t.Unclear + t.Unjudged }

// precision is true / (true + false): the share of decided findings that are right.
func (t tally) precision() string {
	if t.True+t.False == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(t.True)/float64(t.True+t.False))
}

// summarize prints the error findings per rule (with precision) and per project, and the
// lower-severity findings per rule.
func summarize(w io.Writer, s *Snapshot) {
	byRule := map[string]*tally{}
	var all tally
	lower := map[string]int{}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "error findings per project:")
	fmt.Fprintln(tw, "project\tfiles' errors\ttrue\tfalse\tunclear\tunjudged\twarnings etc.\t")
	for _, p := range s.Projects {
		var t tally
		for _, e := range p.Errors {
			t.add(e.Verdict)
			all.add(e.Verdict)
			if byRule[e.Rule] == nil {
				byRule[e.Rule] = &tally{}
			}
			byRule[e.Rule].add(e.Verdict)
		}
		n := 0
		for k, c := range p.Counts {
			n += c
			lower[k] += c
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", p.Name, t.total(), t.True, t.False, t.Unclear, t.Unjudged, n)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nerror findings per rule:")
	rules := make([]string, 0, len(byRule))
	for r := range byRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	fmt.Fprintln(tw, "rule\tfindings\ttrue\tfalse\tunclear\tunjudged\tprecision\t")
	for _, r := range rules {
		t := byRule[r]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t\n", r, t.total(), t.True, t.False, t.Unclear, t.Unjudged, t.precision())
	}
	fmt.Fprintf(tw, "all\t%d\t%d\t%d\t%d\t%d\t%s\t\n", all.total(), all.True, all.False, all.Unclear, all.Unjudged, all.precision())
	tw.Flush()
	if len(lower) > 0 {
		fmt.Fprintln(w, "\nother findings per rule (counted, not judged):")
		keys := make([]string, 0, len(lower))
		for k := range lower {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sev, rule, _ := strings.Cut(k, " ")
			fmt.Fprintf(tw, "%s\t%s\t%d\t\n", rule, sev, lower[k])
		}
		tw.Flush()
	}
}

// falseClaims lists the error entries judged false.
func falseClaims(s *Snapshot) []string {
	var out []string
	for _, p := range s.Projects {
		for _, e := range p.Errors {
			if e.Verdict == VerdictFalse {
				out = append(out, p.Name+": "+e.key()+"  -- "+e.Reason)
			}
		}
	}
	return out
}
