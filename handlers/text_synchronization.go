package handlers

import (
	"go.lsp.dev/protocol"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

// ContentChange is one entry of didChange's contentChanges. go.lsp.dev/protocol's type
// has a non-pointer Range, so a full-text change would decode as an insert at 0:0;
// here a change without a range is the whole new text.
type ContentChange struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

// DidChangeParams are the params of textDocument/didChange.
type DidChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []ContentChange                          `json:"contentChanges"`
}

// ApplyChanges applies LSP content changes, in order, to src. It returns the new text
// and the byte edits that describe the change for an incremental reparse; full is true
// when a change replaced the whole text (then edits are meaningless).
// lines must index src; positions out of range clamp.
func ApplyChanges(src []byte, lines *analysis.LineIndex, changes []ContentChange, enc analysis.Encoding) (out []byte, edits []syntax.Edit, full bool) {
	cur := src
	for i, ch := range changes {
		if ch.Range == nil {
			cur = []byte(ch.Text)
			full = true
			edits = nil
			lines = nil
			continue
		}
		if lines == nil || i > 0 {
			lines = analysis.NewLineIndex(cur)
		}
		span := fromRange(lines, *ch.Range, enc)
		if span.End < span.Start {
			span.Start, span.End = span.End, span.Start
		}
		next := make([]byte, 0, len(cur)-int(span.End-span.Start)+len(ch.Text))
		next = append(next, cur[:span.Start]...)
		next = append(next, ch.Text...)
		next = append(next, cur[span.End:]...)
		newEnd := span.Start + uint32(len(ch.Text))
		edits = append(edits, syntax.Edit{
			StartByte:   span.Start,
			OldEndByte:  span.End,
			NewEndByte:  newEnd,
			StartPoint:  pointOf(lines, span.Start),
			OldEndPoint: pointOf(lines, span.End),
			NewEndPoint: endPoint(pointOf(lines, span.Start), ch.Text),
		})
		cur = next
	}
	return cur, edits, full
}

// pointOf is the tree-sitter point (row, byte column) of an offset.
func pointOf(lines *analysis.LineIndex, off uint32) syntax.Point {
	p := lines.Position(off, analysis.UTF8)
	return syntax.Point{Row: p.Line, Column: p.Character}
}

// endPoint is the point reached by inserting text at start.
func endPoint(start syntax.Point, text string) syntax.Point {
	p := start
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			p.Row++
			p.Column = 0
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				continue
			}
			p.Row++
			p.Column = 0
		default:
			p.Column++
		}
	}
	return p
}
