package syntax

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/python"
)

func TestNodeLayout(t *testing.T) {
	if got := unsafe.Sizeof(Node{}); got != uintptr(cNodeSize) {
		t.Fatalf("Node is %d bytes, pyward_node is %d", got, cNodeSize)
	}
	if got := unsafe.Sizeof(Node{}); got != 20 {
		t.Errorf("Node is %d bytes, want 20 (a flat tree's size is this a node)", got)
	}
	namesOnce.Do(loadNames)
	if len(fieldName)-1 > maxFieldID {
		t.Errorf("the grammar has %d fields, Node.FieldID holds %d", len(fieldName)-1, maxFieldID)
	}
}

// bindingWalk lists (type, field, start, end) in pre-order through the Go binding, the reference.
func bindingWalk(src []byte) []string {
	p := sitter.NewParser()
	p.SetLanguage(python.GetLanguage())
	tree := p.Parse(nil, src)
	c := sitter.NewTreeCursor(tree.RootNode())
	defer c.Close()
	var out []string
	for {
		n := c.CurrentNode()
		out = append(out, describe(n.Type(), c.CurrentFieldName(), n.StartByte(), n.EndByte()))
		if c.GoToFirstChild() {
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() {
				return out
			}
		}
	}
}

func describe(typ, field string, start, end uint32) string {
	return typ + "/" + field + "/" + itoa(start) + "-" + itoa(end)
}

func itoa(n uint32) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func flatWalk(tr *Tree) []string {
	var out []string
	for i := range tr.Nodes {
		nd := tr.Nodes[i]
		out = append(out, describe(tr.Type(NodeID(i)), tr.Field(NodeID(i)), nd.Start, nd.End))
	}
	return out
}

func TestFlattenMatchesBinding(t *testing.T) {
	cases := []string{
		"",
		"x = 1\n",
		"from ..bar.biz import (a as b, c)\nimport os.path\n",
		"async def f():\n    await g()\n    async with x as y:\n        pass\n",
		"class C(B, metaclass=M):\n    def __x(self): return self.__y\n",
		"def f(:\n  print 'x'\n",
		"s = f'{x!r:>{w}}'\nmatch p:\n    case [1, *r]: pass\n",
		"x = 'héllo 😀 中文'\r\ny = 2\r\n",
	}
	for _, src := range cases {
		tr, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want := bindingWalk([]byte(src))
		got := flatWalk(tr)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("flatten differs for %q:\ngot  %v\nwant %v", src, got, want)
		}
		// Links are consistent with pre-order.
		for i, nd := range tr.Nodes {
			if fc := tr.FirstChild(NodeID(i)); fc != NoNode && tr.Nodes[fc].Parent != NodeID(i) {
				t.Errorf("%q: node %d first child's parent is wrong", src, i)
			}
			if nd.NextSibling != NoNode && tr.Nodes[nd.NextSibling].Parent != nd.Parent {
				t.Errorf("%q: node %d sibling's parent is wrong", src, i)
			}
		}
	}
}

func TestFlattenStdlibFile(t *testing.T) {
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Skip("no python3 on PATH: skipping the stdlib cross-check")
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "argparse.py")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("cannot read %s: %v", path, err)
	}
	tr, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := flatWalk(tr), bindingWalk(src); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("flatten of argparse.py differs from the binding's walk (%d vs %d nodes)", len(got), len(want))
	}
}

func TestDeepNestingDoesNotCrash(t *testing.T) {
	src := strings.Repeat("(", 100000) + strings.Repeat(")", 100000) + "\n"
	tr, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Nodes) == 0 {
		t.Fatal("no nodes")
	}
}

func TestIncrementalEqualsFreshParse(t *testing.T) {
	src := []byte("def f(a):\n    return a + 1\n\nclass C:\n    pass\n")
	d, err := NewDocument(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	// Insert "async " before "def" and rename a to bb.
	steps := []struct {
		start, oldEnd int
		text          string
	}{
		{0, 0, "async "},
		{12, 13, "bb"},
		{len("async def f(bb):\n    return "), len("async def f(bb):\n    return a"), "bb"},
	}
	cur := src
	for _, s := range steps {
		next := append(append(append([]byte{}, cur[:s.start]...), s.text...), cur[s.oldEnd:]...)
		e := Edit{StartByte: uint32(s.start), OldEndByte: uint32(s.oldEnd), NewEndByte: uint32(s.start + len(s.text)),
			StartPoint: PointAt(cur, s.start), OldEndPoint: PointAt(cur, s.oldEnd), NewEndPoint: PointAt(next, s.start+len(s.text))}
		if err := d.Update(next, []Edit{e}); err != nil {
			t.Fatal(err)
		}
		cur = next
		fresh, _ := Parse(cur)
		if strings.Join(flatWalk(d.Tree()), "\n") != strings.Join(flatWalk(fresh), "\n") {
			t.Fatalf("incremental tree differs from a fresh parse of %q", cur)
		}
	}
}

func TestHasErrorOr(t *testing.T) {
	cases := []struct {
		src  string
		want bool
	}{
		{"x = 1\nprint(x)\n", false},
		{"print 'x'\n", true},         // a print_statement
		{"exec 'x = 1'\n", true},      // an exec_statement
		{"def f(:\n    pass\n", true}, // an ERROR node
		{"x = (1,\n", true},           // error recovery
		{"", false},
	}
	for _, tc := range cases {
		tree, err := Parse([]byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := tree.HasErrorOr("print_statement", "exec_statement"); got != tc.want {
			t.Errorf("%q: HasErrorOr = %v, want %v", tc.src, got, tc.want)
		}
		walked := false
		tree.Walk(0, func(n NodeID) bool {
			if tree.IsError(n) || tree.IsMissing(n) || tree.Type(n) == "print_statement" || tree.Type(n) == "exec_statement" {
				walked = true
			}
			return true
		})
		if walked != tc.want {
			t.Errorf("%q: a walk finds %v", tc.src, walked)
		}
	}
}
