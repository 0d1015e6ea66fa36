package syntax

// SplitPoints returns offsets where src can be cut into pieces that tree-sitter parses
// the same way apart as together: starts of lines that begin a top-level statement,
// outside any string, bracket or backslash continuation, not right after a decorator
// and not a clause that continues the statement before (else, elif, except, finally).
// Consecutive points are at least every bytes apart. It costs one pass over src.
func SplitPoints(src []byte, every int) []int {
	var points []int
	next := max(every, 1)
	depth := 0              // open brackets outside strings
	cont := false           // the line before ended with a backslash
	afterDecorator := false // the last top-level line was a decorator
	n := len(src)
	i := 0
	lineStart := true
	for i < n {
		if lineStart {
			if depth == 0 && !cont && startsStatement(src, i) {
				if i >= next && !afterDecorator && !continuesStatement(src, i) {
					points = append(points, i)
					next = i + every
				}
				afterDecorator = src[i] == '@'
			}
			lineStart, cont = false, false
		}
		c := src[i]
		switch {
		case c == '#':
			for i < n && src[i] != '\n' && src[i] != '\r' {
				i++
			}
		case c == '\n':
			i++
			lineStart = true
		case c == '\r':
			i++
			if i < n && src[i] == '\n' {
				i++
			}
			lineStart = true
		case c == '\\':
			i++
			if i < n && (src[i] == '\n' || src[i] == '\r') {
				if src[i] == '\r' && i+1 < n && src[i+1] == '\n' {
					i++
				}
				i++
				lineStart, cont = true, true
			}
		case c == '"' || c == '\'':
			i = skipString(src, i, false)
		case c == '(' || c == '[' || c == '{':
			depth++
			i++
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
			i++
		case isIdentByte(c):
			start := i
			for i < n && isIdentByte(src[i]) {
				i++
			}
			if i < n && (src[i] == '"' || src[i] == '\'') {
				if f, ok := stringPrefix(src[start:i]); ok {
					i = skipString(src, i, f)
				}
			}
		default:
			i++
		}
	}
	return points
}

// startsStatement reports whether a line starting at i begins with something that can
// start a statement at column 0: an identifier or keyword, or a decorator.
func startsStatement(src []byte, i int) bool {
	c := src[i]
	return c == '@' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// continuesStatement reports whether the line at i is a clause of the statement before.
func continuesStatement(src []byte, i int) bool {
	for _, kw := range [...]string{"else", "elif", "except", "finally"} {
		if len(src)-i >= len(kw) && string(src[i:i+len(kw)]) == kw && (i+len(kw) == len(src) || !isIdentByte(src[i+len(kw)])) {
			return true
		}
	}
	return false
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// stringPrefix reports whether p is a string prefix (r, b, u, f, t and their pairs, any
// case) and whether it makes a formatted string.
func stringPrefix(p []byte) (formatted, ok bool) {
	if len(p) > 2 {
		return false, false
	}
	for _, c := range p {
		switch c | 0x20 {
		case 'r', 'b', 'u':
		case 'f', 't':
			formatted = true
		default:
			return false, false
		}
	}
	return formatted, true
}

// skipString returns the offset after the string literal whose quote is at i. An
// unterminated single-quoted string ends at its line's end, an unterminated triple-quoted
// one at the end of src. In a formatted string, replacement fields are skipped as code
// (they may hold strings, brackets and, since Python 3.12, the same quotes).
func skipString(src []byte, i int, formatted bool) int {
	n := len(src)
	q := src[i]
	triple := i+2 < n && src[i+1] == q && src[i+2] == q
	if triple {
		i += 3
	} else {
		i++
	}
	for i < n {
		c := src[i]
		switch {
		case c == '\\':
			i += 2
		case c == q:
			if !triple {
				return i + 1
			}
			if i+2 < n && src[i+1] == q && src[i+2] == q {
				return i + 3
			}
			i++
		case (c == '\n' || c == '\r') && !triple:
			return i
		case c == '{' && formatted:
			if i+1 < n && src[i+1] == '{' {
				i += 2
				continue
			}
			i = skipField(src, i+1)
		default:
			i++
		}
	}
	return n
}

// skipField returns the offset after the '}' that closes the replacement field whose
// code starts at i.
func skipField(src []byte, i int) int {
	n := len(src)
	depth := 0
	for i < n {
		c := src[i]
		switch {
		case c == '"' || c == '\'':
			i = skipString(src, i, false)
		case c == '(' || c == '[' || c == '{':
			depth++
			i++
		case c == ')' || c == ']':
			if depth > 0 {
				depth--
			}
			i++
		case c == '}':
			if depth == 0 {
				return i + 1
			}
			depth--
			i++
		case isIdentByte(c):
			start := i
			for i < n && isIdentByte(src[i]) {
				i++
			}
			if i < n && (src[i] == '"' || src[i] == '\'') {
				if f, ok := stringPrefix(src[start:i]); ok {
					i = skipString(src, i, f)
				}
			}
		default:
			i++
		}
	}
	return n
}
