package analysis

import "testing"

func TestLineIndexRoundTrip(t *testing.T) {
	src := []byte("a😀b\r\nc中é\u0301d\rlast\n")
	li := NewLineIndex(src)
	if li.LineCount() != 4 {
		t.Fatalf("LineCount = %d, want 4", li.LineCount())
	}
	cases := []struct {
		offset uint32
		utf16  Position
		utf8   Position
	}{
		{0, Position{0, 0}, Position{0, 0}},
		{1, Position{0, 1}, Position{0, 1}},
		{5, Position{0, 3}, Position{0, 5}}, // after the emoji: 2 UTF-16 units, 4 bytes
		{6, Position{0, 4}, Position{0, 6}}, // end of line 0
		{8, Position{1, 0}, Position{1, 0}}, // after \r\n
		{9, Position{1, 1}, Position{1, 1}},
		{12, Position{1, 2}, Position{1, 4}}, // after 中
		{16, Position{1, 4}, Position{1, 8}}, // after é + combining acute
		{17, Position{1, 5}, Position{1, 9}}, // after d
		{18, Position{2, 0}, Position{2, 0}}, // after lone \r
		{23, Position{3, 0}, Position{3, 0}}, // after the last \n
	}
	for _, tc := range cases {
		if got := li.Position(tc.offset, UTF16); got != tc.utf16 {
			t.Errorf("Position(%d, UTF16) = %v, want %v", tc.offset, got, tc.utf16)
		}
		if got := li.Position(tc.offset, UTF8); got != tc.utf8 {
			t.Errorf("Position(%d, UTF8) = %v, want %v", tc.offset, got, tc.utf8)
		}
		if got := li.Offset(tc.utf16, UTF16); got != tc.offset {
			t.Errorf("Offset(%v, UTF16) = %d, want %d", tc.utf16, got, tc.offset)
		}
		if got := li.Offset(tc.utf8, UTF8); got != tc.offset {
			t.Errorf("Offset(%v, UTF8) = %d, want %d", tc.utf8, got, tc.offset)
		}
	}
	// Clamping: past the end of a line, past the last line, inside a surrogate pair.
	if got := li.Offset(Position{0, 99}, UTF16); got != 6 {
		t.Errorf("past end of line: %d, want 6", got)
	}
	if got := li.Offset(Position{99, 3}, UTF16); got != uint32(len(src)) {
		t.Errorf("past last line: %d, want %d", got, len(src))
	}
	if got := li.Offset(Position{0, 2}, UTF16); got != 1 {
		t.Errorf("inside a surrogate pair: %d, want 1 (start of the emoji)", got)
	}
	if got := li.Position(3, UTF16); got != (Position{0, 1}) {
		t.Errorf("offset inside the emoji: %v, want {0 1}", got)
	}
}

func TestLineIndexInvalidUTF8(t *testing.T) {
	src := []byte("a\xffb\n")
	li := NewLineIndex(src)
	if got := li.Position(3, UTF16); got != (Position{0, 3}) {
		t.Errorf("invalid byte counts as one unit: got %v", got)
	}
	if got := li.Offset(Position{0, 2}, UTF16); got != 2 {
		t.Errorf("Offset = %d, want 2", got)
	}
}
