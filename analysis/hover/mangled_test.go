package hover

import (
	"strings"
	"testing"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

func TestMangleHover(t *testing.T) {
	src := `__g = 1


class _Foo:
    __x = 1

    def m(self, __p):
        return self.__x, __p, f(__k=1), self.__d__


class ___:
    __y = 2


def outside(o):
    return o.__x
`
	tree, err := syntax.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f := &analysis.File{Path: "x.py", Module: analysis.Build(tree)}
	tests := []struct {
		at     string // the text hovered: its first occurrence after `after`
		after  string
		want   string // substring of Markdown; "" for no hover
		spanOf string
	}{
		{at: "__x", after: "class _Foo", want: "`__x` → `_Foo__x`", spanOf: "__x"},
		{at: "__p", after: "def m", want: "`__p` → `_Foo__p`", spanOf: "__p"},
		{at: "__x", after: "self.", want: "`__x` → `_Foo__x`", spanOf: "__x"},
		{at: "__k", after: "f(", want: "not mangled"},
		{at: "__d__", after: "self.__x", want: ""},
		{at: "__g", after: "", want: ""},
		{at: "__y", after: "class ___", want: ""},
		{at: "__x", after: "def outside", want: ""},
		{at: "self", after: "def m", want: ""},
	}
	for _, tt := range tests {
		base := strings.Index(src, tt.after)
		off := strings.Index(src[base:], tt.at)
		if base < 0 || off < 0 {
			t.Fatalf("bad test %+v", tt)
		}
		at := uint32(base + off + 1)
		h, ok := Mangled(f, at)
		if tt.want == "" {
			if ok {
				t.Errorf("hover on %q after %q: got %q, want none", tt.at, tt.after, h.Markdown)
			}
			continue
		}
		if !ok || !strings.Contains(h.Markdown, tt.want) {
			t.Errorf("hover on %q after %q: got %q (ok %v), want %q", tt.at, tt.after, h.Markdown, ok, tt.want)
			continue
		}
		if h.Plain == "" || strings.Contains(h.Plain, "`") {
			t.Errorf("hover on %q: bad plain text %q", tt.at, h.Plain)
		}
		if got := src[h.Span.Start:h.Span.End]; got != tt.at {
			t.Errorf("hover on %q: span covers %q", tt.at, got)
		}
	}
}
