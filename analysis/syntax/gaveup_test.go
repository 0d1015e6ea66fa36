package syntax

import (
	"errors"
	"strings"
	"testing"
)

func TestParseGivesUpAndRecovers(t *testing.T) {
	saved := parseTimeout
	defer func() { parseTimeout = saved }()
	parseTimeout = func(size int) uint64 {
		if size > 100000 {
			return 1 // a microsecond: surely too short for this text
		}
		return saved(size)
	}
	big := []byte(strings.Repeat("def f(x):\n    return x + 1\n\n", 20000))
	d, err := NewDocument(big)
	if !errors.Is(err, ErrGaveUp) || d == nil {
		t.Fatalf("NewDocument of a text that cannot parse in time: %v, %v", d, err)
	}
	defer d.Close()
	if tr := d.Tree(); !tr.Placeholder || len(tr.Nodes) != 1 || tr.Type(0) != "module" || int(tr.Nodes[0].End) != len(big) {
		t.Fatalf("placeholder tree: %+v", tr.Nodes)
	}
	// An edit that keeps the text about as large is not parsed again.
	bigger := append([]byte("#\n"), big...)
	if err := d.Update(bigger, []Edit{{StartByte: 0, OldEndByte: 0, NewEndByte: 2, NewEndPoint: Point{Row: 1}}}); !errors.Is(err, ErrGaveUp) {
		t.Fatalf("edit of the huge text: %v, want ErrGaveUp", err)
	}
	// Once the text is small again, it parses.
	small := []byte("x = 1\n")
	if err := d.Replace(small); err != nil {
		t.Fatalf("small text after giving up: %v", err)
	}
	if d.Tree().Placeholder || d.Tree().Type(0) != "module" || len(d.Tree().Nodes) < 3 {
		t.Fatalf("small text did not parse: %s", d.Tree().SExpr(0))
	}
}

func TestEditAfterReleaseIncremental(t *testing.T) {
	src := []byte("def f(x):\n    return x\n")
	d, err := NewDocument(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.ReleaseIncremental()
	next := []byte("async def f(x):\n    return x\n")
	e := Edit{StartByte: 0, OldEndByte: 0, NewEndByte: 6, NewEndPoint: Point{Column: 6}}
	if err := d.Update(next, []Edit{e}); err != nil {
		t.Fatal(err)
	}
	fresh, _ := Parse(next)
	if i, ok := treesEqual(d.Tree(), fresh); !ok {
		t.Fatalf("after ReleaseIncremental, an edit gives a different tree (node %d)", i)
	}
	if d.Reused != 0 {
		t.Fatalf("nothing can be reused after ReleaseIncremental, got %d", d.Reused)
	}
}
