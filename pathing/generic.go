package pathing

import (
	"sort"
	"strings"
)

// splitext is genericpath._splitext: ext runs from the last extsep of the
// last component, unless that component is all leading dots up to it.
// altsep 0 means none.
func splitext(p string, sep, altsep byte) (string, string) {
	sepIndex := strings.LastIndexByte(p, sep)
	if altsep != 0 {
		if a := strings.LastIndexByte(p, altsep); a > sepIndex {
			sepIndex = a
		}
	}
	dotIndex := strings.LastIndexByte(p, '.')
	if dotIndex > sepIndex {
		for i := sepIndex + 1; i < dotIndex; i++ {
			if p[i] != '.' {
				return p[:dotIndex], p[dotIndex:]
			}
		}
	}
	return p, ""
}

// commonPrefixLen is len(genericpath.commonprefix([a, b])) for lists.
func commonPrefixLen(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// compareLists orders string lists as Python orders lists of str.
// Go compares strings bytewise, which for UTF-8 is code point order.
func compareLists(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := strings.Compare(a[i], b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// minMaxLists returns Python's min(lists) and max(lists).
func minMaxLists(lists [][]string) (lo, hi []string) {
	lo, hi = lists[0], lists[0]
	for _, l := range lists[1:] {
		if compareLists(l, lo) < 0 {
			lo = l
		}
		if compareLists(l, hi) > 0 {
			hi = l
		}
	}
	return lo, hi
}

// nonEmptyParts is [x for x in s.split(sep) if x].
func nonEmptyParts(s string, sep byte) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, sep)
		if i < 0 {
			out = append(out, s)
			break
		}
		if i > 0 {
			out = append(out, s[:i])
		}
		s = s[i+1:]
	}
	return out
}

// partsNoDot is [c for c in s.split(sep) if c and c != '.'].
func partsNoDot(s string, sep byte) []string {
	parts := nonEmptyParts(s, sep)
	out := parts[:0]
	for _, c := range parts {
		if c != "." {
			out = append(out, c)
		}
	}
	return out
}

func sortStrings(s []string) { sort.Strings(s) }
