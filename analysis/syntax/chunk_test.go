package syntax

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// wholeTree parses src in one piece.
func wholeTree(t testing.TB, src []byte) *Tree {
	t.Helper()
	d, err := NewDocument(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	return d.Tree()
}

// sameTree reports the first difference between two flat trees, or "".
func sameTree(a, b *Tree) string {
	if len(a.Nodes) != len(b.Nodes) {
		return fmt.Sprintf("%d nodes, %d nodes", len(a.Nodes), len(b.Nodes))
	}
	for i := range a.Nodes {
		if a.Nodes[i] != b.Nodes[i] {
			return fmt.Sprintf("node %d (%s at %d): %+v, %+v", i, a.Type(NodeID(i)), a.Nodes[i].Start, a.Nodes[i], b.Nodes[i])
		}
	}
	return ""
}

// TestChunkedMatchesWhole: every other file of the standard library (by path order)
// that can be cut and that tree-sitter parses without errors gives the same flat tree
// cut into pieces of a few kilobytes (so each file is cut many times) as parsed whole.
func TestChunkedMatchesWhole(t *testing.T) {
	out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	root := strings.TrimSpace(string(out))
	files, cuts, seen := 0, 0, 0
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "site-packages" || d.Name() == "__pycache__") {
			return fs.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".py") {
			return nil
		}
		if testing.Short() && files >= 150 {
			return fs.SkipAll
		}
		src, err := os.ReadFile(p)
		if err != nil || len(SplitPoints(src, 2048)) == 0 {
			return nil
		}
		if seen++; seen%2 == 0 {
			return nil
		}
		whole := wholeTree(t, src)
		if whole.HasError() {
			return nil // error recovery may differ across a cut: only valid files compare
		}
		files++
		cuts += len(SplitPoints(src, 2048))
		chunked := parseChunked(src, 2048, 2)
		if chunked == nil {
			t.Errorf("%s: chunked parse gave up", p)
			return nil
		}
		if diff := sameTree(whole, chunked); diff != "" {
			t.Errorf("%s: whole and chunked trees differ: %s", p, diff)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 || cuts < 1500 {
		t.Fatalf("compared %d files with %d cuts: too few", files, cuts)
	}
	t.Logf("%d files, %d cuts", files, cuts)
}

func TestSplitPoints(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // the text at each point, up to its line's end
	}{
		{"statements", "a = 1\nb = 2\nc = 3\n", []string{"b = 2", "c = 3"}},
		{"indented lines are not points", "def f():\n    x = 1\ny = 2\n", []string{"y = 2"}},
		{"clauses continue", "if a:\n    pass\nelse:\n    pass\nelif_ = 1\n", []string{"elif_ = 1"}},
		{"try", "try:\n    pass\nexcept E:\n    pass\nfinally:\n    pass\nz = 0\n", []string{"z = 0"}},
		{"decorators stay with their function", "@a\n@b\ndef f(): pass\nx = 1\n", []string{"x = 1"}},
		{"brackets", "x = (1,\ny)\nz = [\n]\nw = 1\n", []string{"z = [", "w = 1"}},
		{"backslash", "x = 1 + \\\ny\nw = 1\n", []string{"w = 1"}},
		{"triple strings", "s = '''\nnot = code\n'''\nt = \"\"\"\nx\"\"\"\nu = 1\n", []string{"t = \"\"\"", "u = 1"}},
		{"escaped quotes", "s = 'it\\'s # ('\nc = 1\n", []string{"c = 1"}},
		{"prefixed strings", "s = rb'''\nx = 1\n'''\nc = 1\n", []string{"c = 1"}},
		{"f-string fields", "s = f'{x[\"k\"]:>{w}}' + f'''\n{ {1: 2}[1] }\ny = 1\n'''\nz = 1\n", []string{"z = 1"}},
		{"pep 701 quotes", "s = f\"{\"\"\"\nq = 1\n\"\"\"}\"\nz = 1\n", []string{"z = 1"}},
		{"comments", "# x = (\na = 1 # (\nb = 2\n", []string{"a = 1 # (", "b = 2"}},
		{"crlf", "a = 1\r\nb = 2\r\n", []string{"b = 2"}},
		{"unterminated string ends its line", "s = 'abc\nb = 1\n", []string{"b = 1"}},
		{"no statement at col 0 after blank", "\n\n   \nx = 1\n", []string{"x = 1"}},
	}
	for _, c := range cases {
		var got []string
		for _, p := range SplitPoints([]byte(c.src), 1) {
			line := c.src[p:]
			if i := strings.IndexAny(line, "\r\n"); i >= 0 {
				line = line[:i]
			}
			got = append(got, line)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: points at %q, want %q", c.name, got, c.want)
		}
	}
}

// TestChunkedLinks: a chunked tree's links are consistent (parents, children, siblings
// and pre-order), on generated code cut in many places.
func TestChunkedLinks(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&b, "# c%d\n@dec\nclass C%d(B):\n    def m(self):\n        return f'{self.x!r}'\n\nx%d = [\n  1,\n]\n", i, i, i)
	}
	src := []byte(b.String())
	whole := wholeTree(t, src)
	for _, every := range []int{1, 100, 4096, 1 << 20} {
		chunked := parseChunked(src, every, 3)
		if diff := sameTree(whole, chunked); diff != "" {
			t.Errorf("every %d: %s", every, diff)
		}
	}
}
