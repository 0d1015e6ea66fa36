package analysis

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Encoding is how the characters of a line are counted in a Position.
type Encoding int

const (
	// UTF16 counts UTF-16 code units, the LSP default.
	UTF16 Encoding = iota
	// UTF8 counts bytes.
	UTF8
	// UTF32 counts code points.
	UTF32
)

// Position is a zero-based line and character offset within that line, counted in an Encoding.
type Position struct {
	Line, Character uint32
}

// Range is a half-open span of Positions.
type Range struct {
	Start, End Position
}

// Span is a half-open span of byte offsets.
type Span struct {
	Start, End uint32
}

// Touches reports whether offset lies in s or just past its end (a cursor after a
// word); an empty span touches nothing.
func (s Span) Touches(offset uint32) bool {
	return s.End > s.Start && s.Start <= offset && offset <= s.End
}

// LineIndex converts between byte offsets and Positions. Lines end at "\n", "\r\n"
// or a lone "\r", as LSP specifies. Invalid UTF-8 bytes count as one unit each.
type LineIndex struct {
	src    []byte
	starts []uint32 // byte offset of the start of every line
}

// NewLineIndex indexes src. The index keeps a reference to src.
func NewLineIndex(src []byte) *LineIndex {
	starts := make([]uint32, 1, len(src)/32+1)
	if bytes.IndexByte(src, '\r') < 0 {
		// the common case, found with the vectorised search
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return &LineIndex{src: src, starts: starts}
			}
			i += j + 1
			starts = append(starts, uint32(i))
		}
	}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, uint32(i+1))
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, uint32(i+1))
		}
	}
	return &LineIndex{src: src, starts: starts}
}

// LineCount returns the number of lines (a text always has at least one).
func (li *LineIndex) LineCount() int { return len(li.starts) }

// Len returns the length in bytes of the text indexed.
func (li *LineIndex) Len() int { return len(li.src) }

// LineStart returns the byte offset where line starts; lines past the end clamp to the end of text.
func (li *LineIndex) LineStart(line int) uint32 {
	if line < 0 {
		return 0
	}
	if line >= len(li.starts) {
		return uint32(len(li.src))
	}
	return li.starts[line]
}

// lineEnd returns the offset of the end of line's content (before its terminator).
func (li *LineIndex) lineEnd(line int) uint32 {
	end := uint32(len(li.src))
	if line+1 < len(li.starts) {
		end = li.starts[line+1]
		if end > 0 && li.src[end-1] == '\n' {
			end--
		}
		if end > li.starts[line] && li.src[end-1] == '\r' {
			end--
		}
	}
	return end
}

// LineText returns the text of line without its terminator.
func (li *LineIndex) LineText(line int) []byte {
	if line < 0 || line >= len(li.starts) {
		return nil
	}
	return li.src[li.starts[line]:li.lineEnd(line)]
}

// Offset converts a Position to a byte offset. Lines past the end clamp to the end of
// the text; characters past the end of a line clamp to the end of that line; a position
// inside a character that takes two UTF-16 units moves to the start of that character.
func (li *LineIndex) Offset(p Position, enc Encoding) uint32 {
	line := int(p.Line)
	if line >= len(li.starts) {
		return uint32(len(li.src))
	}
	off := li.starts[line]
	end := li.lineEnd(line)
	want := p.Character
	var units uint32
	for off < end && units < want {
		r, size := utf8.DecodeRune(li.src[off:end])
		u := unitsOf(r, size, enc)
		if units+u > want {
			break
		}
		units += u
		off += uint32(size)
	}
	return off
}

// Position converts a byte offset to a Position. Offsets past the end clamp to the end;
// an offset inside a multi-byte character moves to the start of that character.
func (li *LineIndex) Position(offset uint32, enc Encoding) Position {
	if offset > uint32(len(li.src)) {
		offset = uint32(len(li.src))
	}
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > offset }) - 1
	if line < 0 {
		line = 0
	}
	start := li.starts[line]
	if end := li.lineEnd(line); offset > end {
		offset = end // inside a "\r\n" terminator
	}
	var units uint32
	for i := start; i < offset; {
		r, size := utf8.DecodeRune(li.src[i:])
		if i+uint32(size) > offset {
			break // offset falls inside this character: stop at its start
		}
		units += unitsOf(r, size, enc)
		i += uint32(size)
	}
	return Position{Line: uint32(line), Character: units}
}

// Range converts a Span to a Range.
func (li *LineIndex) Range(s Span, enc Encoding) Range {
	return Range{Start: li.Position(s.Start, enc), End: li.Position(s.End, enc)}
}

// Span converts a Range to a Span.
func (li *LineIndex) Span(r Range, enc Encoding) Span {
	return Span{Start: li.Offset(r.Start, enc), End: li.Offset(r.End, enc)}
}

func unitsOf(r rune, size int, enc Encoding) uint32 {
	switch enc {
	case UTF8:
		return uint32(size)
	case UTF32:
		return 1
	default:
		if r == utf8.RuneError && size == 1 {
			return 1
		}
		if r >= 0x10000 {
			return 2
		}
		return 1
	}
}
