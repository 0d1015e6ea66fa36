package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// fileFix is what --fix does to one file: the edits it applies, with the findings
// they fix.
type fileFix struct {
	path, display string
	old, new      []byte
	edits         []analysis.TextEdit
	fixed         []finding
	remaining     []finding
}

// planFixes picks, for each finding of res, its preferred fix when that fix is marked
// safe and does not overlap one already picked, and applies them to res.src. When the
// file does not parse cleanly before, or would not after, it returns the file
// unchanged (no edits) and says why in the error.
func planFixes(res fileResult) (fileFix, error) {
	ff := fileFix{path: res.path, old: res.src, new: res.src}
	if len(res.findings) > 0 {
		ff.display = res.findings[0].Path
	}
	var picked []analysis.TextEdit
	for i, d := range res.diags {
		fix, ok := safeFix(d)
		if !ok || overlaps(picked, fix.Edits) {
			ff.remaining = append(ff.remaining, res.findings[i])
			continue
		}
		picked = append(picked, fix.Edits...)
		ff.fixed = append(ff.fixed, res.findings[i])
	}
	if len(picked) == 0 {
		return ff, nil
	}
	before, err := syntax.Parse(res.src)
	if err != nil || before.HasError() {
		ff.remaining = append(ff.fixed, ff.remaining...)
		ff.fixed = nil
		return ff, fmt.Errorf("%s: not fixed: the file has syntax errors", ff.display)
	}
	sort.Slice(picked, func(i, j int) bool { return picked[i].Span.Start < picked[j].Span.Start })
	var out bytes.Buffer
	at := uint32(0)
	for _, e := range picked {
		out.Write(res.src[at:e.Span.Start])
		out.WriteString(e.NewText)
		at = e.Span.End
	}
	out.Write(res.src[at:])
	after, err := syntax.Parse(out.Bytes())
	if err != nil || after.HasError() {
		ff.remaining = append(ff.fixed, ff.remaining...)
		ff.fixed = nil
		return ff, fmt.Errorf("%s: not fixed: the fixes would make a syntax error", ff.display)
	}
	ff.new, ff.edits = out.Bytes(), picked
	return ff, nil
}

// safeFix returns d's fix that is both preferred and safe.
func safeFix(d analysis.Diagnostic) (analysis.Fix, bool) {
	for _, f := range d.Fixes {
		if f.Preferred && f.Safe && len(f.Edits) > 0 {
			return f, true
		}
	}
	return analysis.Fix{}, false
}

// overlaps reports whether any edit of b touches the span of an edit in a; two
// insertions at the same point overlap, as their order would be a guess.
func overlaps(a, b []analysis.TextEdit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Span.Start < y.Span.End && y.Span.Start < x.Span.End || x.Span.Start == y.Span.Start {
				return true
			}
		}
	}
	return false
}

// fixFiles applies (or, with diff, prints) the safe fixes of every checked file, then
// reports what remains. The exit status is 2 after an error, 1 when findings remain
// (or, with diff, when there is anything to fix), else 0.
func fixFiles(results []fileResult, o *checkOptions, stdout, stderr io.Writer, status int) int {
	var remaining []finding
	fixedFiles, fixedFindings := 0, 0
	for _, res := range results {
		if res.err != nil {
			continue
		}
		ff, err := planFixes(res)
		if err != nil { // not an error of the run: the findings remain, and say so
			fmt.Fprintf(stderr, "pyward check: %v\n", err)
		}
		remaining = append(remaining, ff.remaining...)
		if len(ff.edits) == 0 {
			continue
		}
		if o.diff {
			writeDiff(stdout, ff.display, ff.old, ff.edits)
		} else if err := writeFixed(ff); err != nil {
			fmt.Fprintf(stderr, "pyward check: %v\n", err)
			status = 2
			remaining = append(remaining, ff.fixed...)
			continue
		} else {
			for _, f := range ff.fixed {
				fmt.Fprintf(stderr, "fixed %s:%d:%d: [%s] %s\n", f.Path, f.Line, f.Column, f.Rule, fixTitle(f))
			}
		}
		fixedFiles++
		fixedFindings += len(ff.fixed)
	}
	verb := "fixed"
	if o.diff {
		verb = "would fix"
	}
	fmt.Fprintf(stderr, "pyward check: %s %d finding(s) in %d file(s); %d remain\n", verb, fixedFindings, fixedFiles, len(remaining))
	if !o.diff {
		if err := report(stdout, o, remaining); err != nil {
			fmt.Fprintf(stderr, "pyward check: %v\n", err)
			status = 2
		}
	}
	if status == 0 && (len(remaining) > 0 || (o.diff && fixedFindings > 0)) {
		status = 1
	}
	return status
}

// fixTitle is the title of the fix --fix applied for f.
func fixTitle(f finding) string {
	for _, x := range f.Fixes {
		if x.Preferred && x.Safe {
			return x.Title
		}
	}
	return ""
}

// writeFixed writes the fixed text, refusing when the file changed since it was read.
func writeFixed(ff fileFix) error {
	now, err := os.ReadFile(ff.path)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, ff.old) {
		return fmt.Errorf("%s: not fixed: the file changed while it was checked", ff.display)
	}
	info, err := os.Stat(ff.path)
	if err != nil {
		return err
	}
	return os.WriteFile(ff.path, ff.new, info.Mode().Perm())
}
