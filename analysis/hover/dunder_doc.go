package hover

// Docstrings in hovers: cleaned like inspect.cleandoc, and turned into
// Markdown that shows the text as written (line breaks kept, doctests and
// `::` blocks as code, no accidental emphasis from `__init__` or `*args`).

import (
	"regexp"
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

// dhEscapeLine makes one prose line safe for Markdown without changing what
// it shows: backtick code spans stay as they are; identifiers that Markdown
// would mangle (`__init__`, `*args`, `**kwargs`, `self._x`) become code spans;
// the few other characters that could start emphasis, HTML, an escape or a
// block (a leading "#" or ">") get a backslash. It adds as few backslashes as
// it can, since some clients (Neovim 0.7) show them.
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
	text := 0 // start of the text not yet written
	for i := 0; i < len(l); {
		if l[i] != '`' {
			i++
			continue
		}
		run := dhRun(l, i, '`')
		if end := dhClosingRun(l, i+run, run); end >= 0 {
			dhEscapeText(&b, l[text:i])
			b.WriteString(l[i : end+run])
			i = end + run
			text = i
			continue
		}
		// an unmatched backtick run: escaped, so that it cannot pair with a
		// code span this function writes later in the line
		dhEscapeText(&b, l[text:i])
		b.WriteString(strings.Repeat("\\`", run))
		i += run
		text = i
	}
	dhEscapeText(&b, l[text:])
	return b.String()
}

// dhWordCore is an identifier-like word: optional * or ** (a parameter), a
// dotted name, optional () (a call).
var dhWordCore = regexp.MustCompile(`^\*{0,2}[A-Za-z_][A-Za-z0-9_.]*(\(\))?$`)

// dhEscapeText writes prose text that has no backticks, word by word.
func dhEscapeText(b *strings.Builder, s string) {
	for len(s) > 0 {
		sp := strings.IndexByte(s, ' ')
		if sp == 0 {
			b.WriteByte(' ')
			s = s[1:]
			continue
		}
		word := s
		if sp > 0 {
			word = s[:sp]
		}
		s = s[len(word):]
		// the core of the word, without surrounding punctuation
		start, end := 0, len(word)
		for start < end && strings.IndexByte("([{\"'", word[start]) >= 0 {
			start++
		}
		for end > start && strings.IndexByte(",.;:!?)]}\"'", word[end-1]) >= 0 && !strings.HasSuffix(word[start:end], "()") {
			end--
		}
		core := word[start:end]
		if dhWordCore.MatchString(core) && dhNeedsCode(core) {
			dhEscapeChars(b, word[:start])
			b.WriteString("`" + core + "`")
			dhEscapeChars(b, word[end:])
			continue
		}
		dhEscapeChars(b, word)
	}
}

// dhNeedsCode reports whether an identifier-like word has a "*" or an "_"
// that Markdown could read as emphasis (an underscore between two letters or
// digits cannot be).
func dhNeedsCode(w string) bool {
	if strings.Trim(w, "_") == "" {
		return false // underscores alone, between spaces, cannot open emphasis
	}
	if strings.HasPrefix(w, "*") {
		return true
	}
	for i := 0; i < len(w); i++ {
		if w[i] == '_' && !(i > 0 && dhIsAlnum(w[i-1]) && i+1 < len(w) && dhIsAlnum(w[i+1])) {
			return true
		}
	}
	return false
}

// dhEscapeChars writes part of one word (no spaces, no backticks), escaping
// what could start emphasis, HTML or an escape sequence.
func dhEscapeChars(b *strings.Builder, w string) {
	if strings.Trim(w, "_") == "" {
		b.WriteString(w) // underscores alone cannot open emphasis
		return
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '*' && len(w) > 1:
			// a lone "*" between spaces cannot open or close emphasis
			b.WriteByte('\\')
		case c == '_' && !(i > 0 && dhIsAlnum(w[i-1]) && i+1 < len(w) && dhIsAlnum(w[i+1])):
			b.WriteByte('\\')
		case c == '<' && i+1 < len(w) && (dhIsAlnum(w[i+1]) || strings.IndexByte("/!?", w[i+1]) >= 0):
			// what could open an HTML tag, comment or autolink
			b.WriteByte('\\')
		case c == '\\' && i+1 < len(w) && dhIsPunct(w[i+1]):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
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
