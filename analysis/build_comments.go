package analysis

import (
	"bytes"
	"strings"

	"github.com/pyward/pyward/analysis/syntax"
)

// comment records suppression comments.
func (b *builder) comment(n syntax.NodeID) {
	nd := &b.t.Nodes[n]
	if !mayHoldSuppression(b.t.Src[nd.Start:nd.End]) {
		return // most comments: no copy of their text, no search
	}
	text := b.t.Text(n)
	sup, ok := ParseSuppression(text)
	if !ok {
		return
	}
	line := int(b.m.Lines.Position(b.t.Nodes[n].Start, UTF8).Line)
	prev := b.m.Suppressions[line]
	prev.All = prev.All || sup.All
	for r := range sup.Rules {
		if prev.Rules == nil {
			prev.Rules = map[string]bool{}
		}
		prev.Rules[r] = true
	}
	for c := range sup.Codes {
		if prev.Codes == nil {
			prev.Codes = map[string]bool{}
		}
		prev.Codes[c] = true
	}
	b.m.Suppressions[line] = prev
}

// ParseSuppression reads a comment for `# pyward: ignore`, `# pyward: ignore[a, b]`,
// `# noqa` and `# noqa: CODE, CODE`.
func ParseSuppression(comment string) (Suppression, bool) {
	var sup Suppression
	found := false
	if i := indexASCIIFold(comment, "pyward: ignore"); i >= 0 {
		found = true
		rest := comment[i+len("pyward: ignore"):]
		if strings.HasPrefix(rest, "[") {
			if j := strings.Index(rest, "]"); j > 0 {
				sup.Rules = map[string]bool{}
				for _, r := range strings.Split(rest[1:j], ",") {
					if r = strings.TrimSpace(r); r != "" {
						sup.Rules[r] = true
					}
				}
			}
		}
		if len(sup.Rules) == 0 {
			sup.All = true
		}
	}
	if i := indexASCIIFold(comment, "noqa"); i >= 0 && (i == 0 || comment[i-1] == '#' || comment[i-1] == ' ') {
		found = true
		rest := strings.TrimLeft(comment[i+4:], " ")
		if strings.HasPrefix(rest, ":") {
			sup.Codes = map[string]bool{}
			for _, f := range strings.FieldsFunc(rest[1:], func(r rune) bool { return r == ',' || r == ' ' }) {
				if f == "" || f[0] == '#' {
					break
				}
				sup.Codes[strings.ToUpper(f)] = true
			}
		} else {
			sup.All = true
		}
	}
	return sup, found
}

// indexASCIIFold is strings.Index(strings.ToLower(s), word) for a lower-case ASCII
// word, without the copy, and with the index into s itself (ToLower changes the length
// of some non-ASCII text, which shifted the index before).
// mayHoldSuppression reports whether comment may hold a suppression, by bytes that
// case folding leaves alone: "pyward: ignore" has a colon, "noqa" a q or a Q. The
// three vectorised searches spare the case-folding search in nearly every comment.
func mayHoldSuppression(comment []byte) bool {
	return bytes.IndexByte(comment, ':') >= 0 || bytes.IndexByte(comment, 'q') >= 0 || bytes.IndexByte(comment, 'Q') >= 0
}

func indexASCIIFold(s, word string) int {
	plain := true // no upper-case letter to fold: the vectorised search will do
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return strings.Index(s, word)
	}
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for ; j < len(word); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
		}
		if j == len(word) {
			return i
		}
	}
	return -1
}

// Suppressed reports whether a finding of rule (with optional noqa codes) on line is suppressed.
func (m *Module) Suppressed(line int, rule string, noqaCodes ...string) bool {
	s, ok := m.Suppressions[line]
	if !ok {
		return false
	}
	if s.All || s.Rules[rule] {
		return true
	}
	for _, c := range noqaCodes {
		if s.Codes[c] {
			return true
		}
	}
	return false
}

// __all__ handling: a list/tuple of string literals, extended by +=, .extend, .append.
