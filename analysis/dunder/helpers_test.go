package dunder

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// dunderRE finds names of dunder shape inside a text.
var dunderRE = regexp.MustCompile(`__[A-Za-z][A-Za-z0-9_]*?__\b`)

// hooksIn returns the dunders mentioned in texts, in order of appearance.
func hooksIn(texts ...string) []string {
	var out []string
	for _, t := range texts {
		out = append(out, dunderRE.FindAllString(t, -1)...)
	}
	return out
}

// known reports whether a dunder is in the catalogue, as a class-level
// name or a module hook.
func known(name string) bool {
	if _, ok := Lookup(name); ok {
		return true
	}
	_, ok := ModuleLevel(name)
	return ok
}

// uniqueHooks returns the dunders mentioned in texts, each once, in order
// of first appearance.
func uniqueHooks(texts ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, h := range hooksIn(texts...) {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

// indexOf returns the position of the first step mentioning hook, or -1.
func indexOf(steps []string, hook string) int {
	for i, s := range steps {
		if strings.Contains(s, hook) {
			return i
		}
	}
	return -1
}

// checkDocURL checks that u is an https link into the Python 3 docs with
// a fragment.
func checkDocURL(t *testing.T, what, u string) {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Errorf("%s: DocURL %q: %v", what, u, err)
		return
	}
	if p.Scheme != "https" || p.Host != "docs.python.org" || !strings.HasPrefix(p.Path, "/3/") || !strings.HasSuffix(p.Path, ".html") {
		t.Errorf("%s: DocURL %q is not an https://docs.python.org/3/....html page", what, u)
	}
	if p.Fragment == "" || strings.ContainsAny(p.Fragment, " #") {
		t.Errorf("%s: DocURL %q has no (or a malformed) anchor", what, u)
	}
}

// checkMarkdownText checks that a Markdown text field renders safely: code
// spans balanced, every dunder and every '<' or '*' inside a code span (so
// that underscores do not turn into bold text and nothing looks like
// HTML), no leading or trailing space.
func checkMarkdownText(t *testing.T, what, s string) {
	t.Helper()
	if s != strings.TrimSpace(s) {
		t.Errorf("%s: leading or trailing space in %q", what, s)
	}
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 {
		t.Errorf("%s: unbalanced backticks in %q", what, s)
		return
	}
	for i := 0; i < len(parts); i += 2 { // outside code spans
		out := parts[i]
		if strings.Contains(out, "__") || strings.ContainsAny(out, "<*") {
			t.Errorf("%s: %q outside a code span in %q", what, out, s)
		}
	}
}
