package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pyward/pyward/analysis"
)

// finding is one diagnostic as `pyward check` reports it. Lines and columns are 1-based;
// columns count characters (code points).
type finding struct {
	Path      string       `json:"path"`
	Line      uint32       `json:"line"`
	Column    uint32       `json:"column"`
	EndLine   uint32       `json:"endLine"`
	EndColumn uint32       `json:"endColumn"`
	Severity  string       `json:"severity"`
	Rule      string       `json:"rule"`
	Message   string       `json:"message"`
	Fixes     []findingFix `json:"fixes,omitempty"`
}

// findingFix is a quick fix of a finding, with the same line and column convention.
type findingFix struct {
	Title     string        `json:"title"`
	Preferred bool          `json:"preferred,omitempty"`
	Safe      bool          `json:"safe,omitempty"`
	Edits     []findingEdit `json:"edits"`
}

// findingEdit replaces the text between two positions.
type findingEdit struct {
	Line      uint32 `json:"line"`
	Column    uint32 `json:"column"`
	EndLine   uint32 `json:"endLine"`
	EndColumn uint32 `json:"endColumn"`
	NewText   string `json:"newText"`
}

// report writes the findings in the format the options ask for.
func report(w io.Writer, o *checkOptions, all []finding) error {
	if o.statistics {
		return writeStatistics(w, o.format, all)
	}
	switch o.format {
	case "json":
		if all == nil {
			all = []finding{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(all)
	case "github":
		return writeGitHub(w, all)
	case "sarif":
		return writeSARIF(w, all)
	}
	for _, f := range all {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s [%s] %s\n", f.Path, f.Line, f.Column, f.Severity, f.Rule, f.Message); err != nil {
			return err
		}
	}
	return nil
}

// ruleCount is one line of --statistics.
type ruleCount struct {
	Rule    string `json:"rule"`
	Count   int    `json:"count"`
	Summary string `json:"summary"`
}

// writeStatistics prints the count of findings per rule, most frequent first.
func writeStatistics(w io.Writer, format string, all []finding) error {
	counts := map[string]int{}
	for _, f := range all {
		counts[f.Rule]++
	}
	rows := []ruleCount{}
	for rule, n := range counts {
		summary := ""
		if r, ok := analysis.RuleByName(rule); ok {
			summary = r.Summary
		}
		rows = append(rows, ruleCount{Rule: rule, Count: n, Summary: summary})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Count != rows[j].Count {
			return rows[i].Count > rows[j].Count
		}
		return rows[i].Rule < rows[j].Rule
	})
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Rule))
	}
	for _, r := range rows {
		if _, err := fmt.Fprintf(w, "%6d  %-*s  %s\n", r.Count, width, r.Rule, r.Summary); err != nil {
			return err
		}
	}
	return nil
}

// writeGitHub prints GitHub Actions workflow commands, which GitHub shows as
// annotations on the lines of a pull request.
func writeGitHub(w io.Writer, all []finding) error {
	for _, f := range all {
		level := "notice"
		switch f.Severity {
		case "error":
			level = "error"
		case "warning":
			level = "warning"
		}
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			level, ghProperty(filepath.ToSlash(f.Path)), f.Line, f.Column, f.EndLine, f.EndColumn,
			ghProperty("pyward "+f.Rule), ghData(f.Message))
		if err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message, as @actions/core does.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value, as @actions/core does.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// rulesDoc is where each rule is documented; a rule's help link is this plus #name.
const rulesDoc = "https://github.com/pyward/pyward/blob/main/docs/rules.md"

// sarifLevel maps a severity to a SARIF result level.
func sarifLevel(severity string) string {
	switch severity {
	case "error":
		return "error"
	case "warning":
		return "warning"
	case "off":
		return "none"
	}
	return "note"
}

// artifactURI is a finding's path as a SARIF artifact URI: relative to the working
// folder (the %SRCROOT% base) when it is below it, else an absolute file URI.
func artifactURI(p string) (uri string, relative bool) {
	if filepath.IsAbs(p) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(p)}
		if !strings.HasPrefix(u.Path, "/") {
			u.Path = "/" + u.Path // C:/x -> /C:/x
		}
		return u.String(), false
	}
	return (&url.URL{Path: filepath.ToSlash(p)}).String(), true
}

// writeSARIF prints a SARIF 2.1.0 log: one run, the rules that fired with their help
// links, every finding with its location and its quick fixes.
func writeSARIF(w io.Writer, all []finding) error {
	type obj = map[string]any
	ruleIndex := map[string]int{}
	rules := []obj{}
	for _, f := range all {
		if _, ok := ruleIndex[f.Rule]; ok {
			continue
		}
		ruleIndex[f.Rule] = len(rules)
		rule := obj{"id": f.Rule, "name": f.Rule, "helpUri": rulesDoc + "#" + f.Rule}
		if r, ok := analysis.RuleByName(f.Rule); ok {
			rule["shortDescription"] = obj{"text": r.Summary}
			rule["help"] = obj{"text": r.Summary + " (" + rulesDoc + "#" + f.Rule + ")"}
			rule["defaultConfiguration"] = obj{"level": sarifLevel(r.Default.String())}
		}
		rules = append(rules, rule)
	}
	region := func(l1, c1, l2, c2 uint32) obj {
		return obj{"startLine": l1, "startColumn": c1, "endLine": l2, "endColumn": c2}
	}
	location := func(path string) obj {
		uri, relative := artifactURI(path)
		loc := obj{"uri": uri}
		if relative {
			loc["uriBaseId"] = "%SRCROOT%"
		}
		return loc
	}
	results := []obj{}
	for _, f := range all {
		res := obj{
			"ruleId":    f.Rule,
			"ruleIndex": ruleIndex[f.Rule],
			"level":     sarifLevel(f.Severity),
			"message":   obj{"text": f.Message},
			"locations": []obj{{"physicalLocation": obj{
				"artifactLocation": location(f.Path),
				"region":           region(f.Line, f.Column, f.EndLine, f.EndColumn),
			}}},
		}
		var fixes []obj
		for _, fix := range f.Fixes {
			var repl []obj
			for _, e := range fix.Edits {
				repl = append(repl, obj{
					"deletedRegion":   region(e.Line, e.Column, e.EndLine, e.EndColumn),
					"insertedContent": obj{"text": e.NewText},
				})
			}
			fixes = append(fixes, obj{
				"description":     obj{"text": fix.Title},
				"artifactChanges": []obj{{"artifactLocation": location(f.Path), "replacements": repl}},
			})
		}
		if fixes != nil {
			res["fixes"] = fixes
		}
		results = append(results, res)
	}
	run := obj{
		"tool": obj{"driver": obj{
			"name":           "pyward",
			"version":        version,
			"informationUri": "https://github.com/pyward/pyward",
			"rules":          rules,
		}},
		"columnKind": "unicodeCodePoints",
		"results":    results,
	}
	if wd, err := os.Getwd(); err == nil {
		u, _ := artifactURI(wd)
		run["originalUriBaseIds"] = obj{"%SRCROOT%": obj{"uri": strings.TrimSuffix(u, "/") + "/"}}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(obj{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs":    []obj{run},
	})
}
