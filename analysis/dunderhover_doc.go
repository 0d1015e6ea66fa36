package analysis

// Docstrings in hovers: cleaned like inspect.cleandoc, and turned into
// Markdown that shows the text as written (line breaks kept, doctests and
// `::` blocks as code, no accidental emphasis from `__init__` or `*args`).

import (
	"strings"
	"unicode"
)

// dhCleanDoc removes a docstring's indentation exactly as inspect.cleandoc
// does: tabs expanded, the first line stripped of leading whitespace, the
// smallest indentation of the other non-blank lines removed from each of them,
// empty lines at both ends dropped. Indentation is counted in characters.
func dhCleanDoc(doc string) string {
	raw := strings.Split(dhExpandTabs(doc), "\n")
	lines := make([][]rune, len(raw))
	for i, l := range raw {
		lines[i] = []rune(l)
	}
	margin := -1
	for _, l := range lines[1:] {
		if content := len(dhTrimLeftSpace(l)); content > 0 {
			if ind := len(l) - content; margin < 0 || ind < margin {
				margin = ind
			}
		}
	}
	lines[0] = dhTrimLeftSpace(lines[0])
	if margin >= 0 {
		for i := 1; i < len(lines); i++ {
			if len(lines[i]) <= margin {
				lines[i] = nil
			} else {
				lines[i] = lines[i][margin:]
			}
		}
	}
	for len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	for len(lines) > 0 && len(lines[0]) == 0 {
		lines = lines[1:]
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	return strings.Join(out, "\n")
}

// dhTrimLeftSpace strips leading whitespace as Python's str.lstrip() does.
func dhTrimLeftSpace(l []rune) []rune {
	i := 0
	for i < len(l) && dhIsPySpace(l[i]) {
		i++
	}
	return l[i:]
}

// dhIsPySpace reports whether Python's str.isspace() holds for r.
func dhIsPySpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

// dhExpandTabs expands tabs to the next multiple of 8 columns, like
// str.expandtabs (the column restarts after "\n" and "\r").
func dhExpandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n', '\r':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// dhDocMarkdown renders a cleaned docstring as Markdown: prose lines keep
// their breaks and have Markdown's special characters escaped (outside
// backtick spans, so reST double-backquoted literals still show as code); doctest lines
// (>>>) and the indented block after a line ending in "::" become fenced code.
func dhDocMarkdown(doc string) string {
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	var b strings.Builder
	for i := 0; i < len(lines); {
		l := lines[i]
		trimmed := strings.TrimLeft(l, " ")
		switch {
		case strings.HasPrefix(trimmed, ">>>"):
			// a doctest: until the next blank line
			j := i
			for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
				j++
			}
			dhFence(&b, "python", lines[i:j])
			i = j
		case trimmed == "":
			b.WriteString("\n")
			i++
		default:
			b.WriteString(dhEscapeLine(l))
			i++
			literal := strings.HasSuffix(trimmed, "::")
			if i < len(lines) && strings.TrimSpace(lines[i]) != "" && !strings.HasPrefix(strings.TrimLeft(lines[i], " "), ">>>") {
				b.WriteString("  ") // a hard line break: keep the docstring's lines
			}
			b.WriteString("\n")
			if literal {
				i = dhLiteralBlock(&b, lines, i, len(l)-len(trimmed))
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// dhLiteralBlock writes the reST literal block that starts at lines[i] (after
// blank lines) when it is indented deeper than indent, and returns the index
// of the first line after it.
func dhLiteralBlock(b *strings.Builder, lines []string, i, indent int) int {
	j := i
	for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
		j++
	}
	start := j
	for j < len(lines) {
		l := lines[j]
		if strings.TrimSpace(l) != "" && len(l)-len(strings.TrimLeft(l, " ")) <= indent {
			break
		}
		j++
	}
	for j > start && strings.TrimSpace(lines[j-1]) == "" {
		j--
	}
	if j == start {
		return i
	}
	b.WriteString("\n")
	dhFence(b, "text", dhDedent(lines[start:j]))
	return j
}

// dhDedent removes the common indentation of lines.
func dhDedent(lines []string) []string {
	margin := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if ind := len(l) - len(strings.TrimLeft(l, " ")); margin < 0 || ind < margin {
			margin = ind
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= margin && margin > 0 {
			l = l[margin:]
		}
		out[i] = l
	}
	return out
}

// dhFence writes lines as a fenced code block, with a fence longer than any
// backtick run inside.
func dhFence(b *strings.Builder, lang string, lines []string) {
	fence := "```"
	for _, l := range lines {
		for strings.Contains(l, fence) {
			fence += "`"
		}
	}
	b.WriteString(fence + lang + "\n")
	b.WriteString(strings.Join(dhDedent(lines), "\n"))
	b.WriteString("\n" + fence + "\n")
}

// dhEscapeLine escapes the characters of one prose line that Markdown would
// read as emphasis, HTML, escapes or block structure, leaving backtick code
// spans as they are. It escapes no more than needed: some clients (older
// Neovim) show the backslashes.
func dhEscapeLine(l string) string {
	var b strings.Builder
	lead := len(l) - len(strings.TrimLeft(l, " "))
	if lead >= 4 {
		lead = 3 // four spaces would start a code block inside a list; keep the text prose
	}
	b.WriteString(strings.Repeat(" ", lead))
	l = strings.TrimLeft(l, " ")
	if strings.HasPrefix(l, "#") || strings.HasPrefix(l, ">") {
		b.WriteByte('\\')
	}
	for i := 0; i < len(l); {
		c := l[i]
		if c == '`' {
			run := dhRun(l, i, '`')
			if end := dhClosingRun(l, i+run, run); end >= 0 {
				b.WriteString(l[i : end+run])
				i = end + run
				continue
			}
			b.WriteString(l[i : i+run])
			i += run
			continue
		}
		switch {
		case c == '*' || c == '<':
			b.WriteByte('\\')
		case c == '\\' && i+1 < len(l) && dhIsPunct(l[i+1]):
			b.WriteByte('\\')
		case c == '_' && !(i > 0 && dhIsAlnum(l[i-1]) && i+1 < len(l) && dhIsAlnum(l[i+1])):
			// an underscore inside a word (snake_case) cannot start emphasis
			b.WriteByte('\\')
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// dhRun is the length of the run of c starting at l[i].
func dhRun(l string, i int, c byte) int {
	n := 0
	for i+n < len(l) && l[i+n] == c {
		n++
	}
	return n
}

// dhClosingRun finds a run of exactly n backticks at or after from, or -1.
func dhClosingRun(l string, from, n int) int {
	for i := from; i < len(l); {
		if l[i] != '`' {
			i++
			continue
		}
		r := dhRun(l, i, '`')
		if r == n {
			return i
		}
		i += r
	}
	return -1
}

// dhIsAlnum reports whether c is an ASCII letter or digit, or part of a
// multi-byte character.
func dhIsAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// dhIsPunct reports whether c is ASCII punctuation, which a backslash escapes.
func dhIsPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !dhIsAlnum(c)
}
