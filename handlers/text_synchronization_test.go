package handlers

import (
	"testing"

	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

func rangeOf(l1, c1, l2, c2 uint32) *protocol.Range {
	return &protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
}

func TestApplyChanges(t *testing.T) {
	cases := []struct {
		name     string
		src      string
		changes  []ContentChange
		enc      analysis.Encoding
		want     string
		wantFull bool
	}{
		{"insert", "ab\ncd\n", []ContentChange{{Range: rangeOf(1, 1, 1, 1), Text: "X"}}, analysis.UTF16, "ab\ncXd\n", false},
		{"delete across lines", "ab\ncd\n", []ContentChange{{Range: rangeOf(0, 1, 1, 1), Text: ""}}, analysis.UTF16, "ad\n", false},
		{"after an emoji, UTF-16", "😀x\n", []ContentChange{{Range: rangeOf(0, 2, 0, 3), Text: "y"}}, analysis.UTF16, "😀y\n", false},
		{"after an emoji, UTF-8", "😀x\n", []ContentChange{{Range: rangeOf(0, 4, 0, 5), Text: "y"}}, analysis.UTF8, "😀y\n", false},
		{"CRLF", "a\r\nb\r\n", []ContentChange{{Range: rangeOf(1, 0, 1, 1), Text: "c"}}, analysis.UTF16, "a\r\nc\r\n", false},
		{"past the end clamps", "ab", []ContentChange{{Range: rangeOf(5, 9, 7, 0), Text: "!"}}, analysis.UTF16, "ab!", false},
		{"two changes in order", "abc", []ContentChange{{Range: rangeOf(0, 0, 0, 1), Text: "X"}, {Range: rangeOf(0, 2, 0, 3), Text: "Y"}}, analysis.UTF16, "XbY", false},
		// The second change's position is in the text after the first, which added
		// lines: a line index of the original text would put it elsewhere.
		{"several multi-line changes", "a\nbb\nccc\n", []ContentChange{
			{Range: rangeOf(0, 0, 0, 0), Text: "X\nY\n"},
			{Range: rangeOf(3, 0, 3, 1), Text: "Z"},
			{Range: rangeOf(4, 1, 5, 0), Text: "\n"},
		}, analysis.UTF16, "X\nY\na\nZb\nc\n", false},
		{"full text", "old", []ContentChange{{Text: "new text"}}, analysis.UTF16, "new text", true},
		{"full then incremental", "old", []ContentChange{{Text: "abc"}, {Range: rangeOf(0, 3, 0, 3), Text: "d"}}, analysis.UTF16, "abcd", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			got, edits, full := ApplyChanges(src, analysis.NewLineIndex(src), tc.changes, tc.enc)
			if string(got) != tc.want || full != tc.wantFull {
				t.Fatalf("got %q (full %v), want %q (full %v)", got, full, tc.want, tc.wantFull)
			}
			if full {
				return
			}
			// The edits must turn the old tree into one equal to a fresh parse of the result.
			d, err := syntax.NewDocument(src)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if err := d.Update(got, edits); err != nil {
				t.Fatal(err)
			}
			fresh, _ := syntax.Parse(got)
			if d.Tree().SExpr(0) != fresh.SExpr(0) {
				t.Fatalf("incremental tree %s, fresh %s", d.Tree().SExpr(0), fresh.SExpr(0))
			}
		})
	}
}

func TestEndPoint(t *testing.T) {
	cases := []struct {
		text string
		want syntax.Point
	}{
		{"", syntax.Point{Row: 2, Column: 3}},
		{"abc", syntax.Point{Row: 2, Column: 6}},
		{"a\nbc", syntax.Point{Row: 3, Column: 2}},
		{"a\r\nb", syntax.Point{Row: 3, Column: 1}},
		{"a\rb", syntax.Point{Row: 3, Column: 1}},
	}
	for _, tc := range cases {
		if got := endPoint(syntax.Point{Row: 2, Column: 3}, tc.text); got != tc.want {
			t.Errorf("endPoint(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}
