package main

import (
	"bytes"
	"fmt"
	"io"
	"sort"

	"github.com/pyward/pyward/analysis"
)

// writeDiff prints a unified diff (3 lines of context) of applying edits (sorted,
// not overlapping) to old, as `diff -u` and `git apply` read it. The changed lines are
// known from the edits, so the diff costs time linear in the file.
func writeDiff(w io.Writer, name string, old []byte, edits []analysis.TextEdit) {
	a := splitLines(old)
	starts := make([]uint32, len(a)+1) // starts[k]: offset of line k; starts[len(a)] = len(old)
	off := uint32(0)
	for k, l := range a {
		starts[k] = off
		off += uint32(len(l))
	}
	starts[len(a)] = off
	lineOf := func(offset uint32) int { // the line holding offset (the last line for len(old))
		k := sort.Search(len(a), func(k int) bool { return starts[k+1] > offset })
		return min(k, max(len(a)-1, 0))
	}
	var all []op
	next := 0 // the first old line not yet in all
	for e := 0; e < len(edits); {
		first := lineOf(edits[e].Span.Start)
		last := lineOf(edits[e].Span.End)
		f := e + 1
		for f < len(edits) && lineOf(edits[f].Span.Start) <= last {
			last = max(last, lineOf(edits[f].Span.End))
			f++
		}
		for ; next < first; next++ {
			all = append(all, op{' ', a[next]})
		}
		// The block of lines first..last, old and new.
		var nb bytes.Buffer
		at := starts[first]
		for _, ed := range edits[e:f] {
			nb.Write(old[at:ed.Span.Start])
			nb.WriteString(ed.NewText)
			at = ed.Span.End
		}
		end := starts[min(last+1, len(a))]
		nb.Write(old[at:end])
		for k := first; k <= last && k < len(a); k++ {
			all = append(all, op{'-', a[k]})
		}
		for _, l := range splitLines(nb.Bytes()) {
			all = append(all, op{'+', l})
		}
		next = last + 1
		e = f
	}
	for ; next < len(a); next++ {
		all = append(all, op{' ', a[next]})
	}
	fmt.Fprintf(w, "--- a/%s\n+++ b/%s\n", name, name)
	const context = 3
	// Walk the ops, cutting hunks around changes.
	i := 0
	oldLine, newLine := 1, 1
	for i < len(all) {
		if all[i].kind == ' ' {
			i++
			oldLine++
			newLine++
			continue
		}
		// A change at i: the hunk starts up to context lines before it.
		start := max(0, i-context)
		for k := start; k < i; k++ {
			oldLine--
			newLine--
		}
		end := i
		for end < len(all) {
			if all[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(all) && all[run].kind == ' ' {
				run++
			}
			if run == len(all) || run-end > 2*context {
				end = min(end+context, len(all))
				break
			}
			end = run
		}
		oldLen, newLen := 0, 0
		for _, o := range all[start:end] {
			if o.kind != '+' {
				oldLen++
			}
			if o.kind != '-' {
				newLen++
			}
		}
		fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(oldLine, oldLen), hunkRange(newLine, newLen))
		for _, o := range all[start:end] {
			fmt.Fprintf(w, "%c%s", o.kind, o.line)
			if !bytes.HasSuffix(o.line, []byte("\n")) {
				fmt.Fprint(w, "\n\\ No newline at end of file\n")
			}
		}
		oldLine += oldLen
		newLine += newLen
		i = end
	}
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// op is one line of a diff: ' ' kept, '-' removed, '+' added.
type op struct {
	kind byte
	line []byte
}

// splitLines splits text after each "\n", keeping it.
func splitLines(text []byte) [][]byte {
	var out [][]byte
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+1])
		text = text[i+1:]
	}
	return out
}
