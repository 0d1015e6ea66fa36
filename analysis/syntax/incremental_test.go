package syntax

import (
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// treesEqual compares every field of every node, not only types and spans.
func treesEqual(a, b *Tree) (int, bool) {
	if len(a.Nodes) != len(b.Nodes) {
		return -1, false
	}
	for i := range a.Nodes {
		if a.Nodes[i] != b.Nodes[i] {
			return i, false
		}
	}
	return 0, true
}

// TestIncrementalRandomEdits types random edits into a real file and checks after each
// that the incrementally reparsed (and partly copied) flat tree equals a fresh parse.
func TestIncrementalRandomEdits(t *testing.T) {
	src := []byte("import os\n\nclass A:\n    def f(self, x):\n        return [i for i in x if i]\n\n    async def g(self):\n        await self.f(1)\n\n\ndef h():\n    s = 'str'\n    return (1 + 2) * 3\n")
	if out, err := exec.Command("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output(); err == nil {
		if b, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "argparse.py")); err == nil {
			src = b
		}
	}
	d, err := NewDocument(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rng := rand.New(rand.NewSource(7))
	snippets := []string{"", "x", " ", "\n", "(", ")", "'", "\"\"\"", ":", "def f():\n    ", "    ", "é", "😀", "#", "\\", "async ", "await y", "]", "\n\n", "class C:\n"}

	cur := src
	steps := 150
	if testing.Short() {
		steps = 30
	}
	reusedTotal, compared := 0, 0
	orig := cur
	update := func(step int, next []byte, start, end, newEnd int) {
		e := Edit{StartByte: uint32(start), OldEndByte: uint32(end), NewEndByte: uint32(newEnd),
			StartPoint: PointAt(cur, start), OldEndPoint: PointAt(cur, end), NewEndPoint: PointAt(next, newEnd)}
		if err := d.Update(next, []Edit{e}); err != nil {
			t.Fatal(err)
		}
		reusedTotal += d.Reused
		cur = next
		fresh, err := Parse(cur)
		if err != nil {
			t.Fatal(err)
		}
		// A tree with errors is reparsed from scratch by the Document, so even broken
		// text must give exactly the fresh parse's tree.
		compared++
		if i, ok := treesEqual(d.Tree(), fresh); !ok {
			if i < 0 {
				t.Fatalf("step %d: %d nodes incrementally, %d fresh", step, len(d.Tree().Nodes), len(fresh.Nodes))
			}
			t.Fatalf("step %d: node %d differs: incremental %+v (%s), fresh %+v (%s)", step, i,
				d.Tree().Nodes[i], d.Tree().Type(NodeID(i)), fresh.Nodes[i], fresh.Type(NodeID(i)))
		}
	}
	// Each step makes a random edit of the original text, then undoes it, so that the
	// text is error-free at least every other step and often in between.
	for step := 0; step < steps; step++ {
		start := rng.Intn(len(orig) + 1)
		end := start + rng.Intn(8)
		if end > len(orig) {
			end = len(orig)
		}
		ins := snippets[rng.Intn(len(snippets))]
		edited := append(append(append([]byte{}, orig[:start]...), ins...), orig[end:]...)
		update(step, edited, start, end, start+len(ins))
		update(step, orig, start, start+len(ins), end)
	}
	if compared < steps/10 {
		t.Fatalf("only %d of %d steps had an error-free text to compare", compared, steps)
	}
	if reusedTotal == 0 {
		t.Fatalf("no node was ever reused: the incremental flatten is not working")
	}
}

// TestDocumentFromTree: a document opened from a cached flat tree answers with that
// tree, parses its first edit from scratch (no tree-sitter tree yet), and after
// PrepareIncremental reuses subtrees like a parsed one; every tree equals a fresh parse.
func TestDocumentFromTree(t *testing.T) {
	src := []byte("import os\n\nclass A:\n    def f(self, x):\n        return [i for i in x if i]\n\n\ndef h():\n    # a comment\n    return (1 + 2) * 3\n")
	cached, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(d *Document, cur []byte, at int, ins string) []byte {
		t.Helper()
		next := append(append(append([]byte(nil), cur[:at]...), ins...), cur[at:]...)
		e := Edit{StartByte: uint32(at), OldEndByte: uint32(at), NewEndByte: uint32(at + len(ins)),
			StartPoint: PointAt(cur, at), OldEndPoint: PointAt(cur, at), NewEndPoint: PointAt(next, at+len(ins))}
		if err := d.Update(next, []Edit{e}); err != nil {
			t.Fatal(err)
		}
		fresh, err := Parse(next)
		if err != nil {
			t.Fatal(err)
		}
		if i, ok := treesEqual(d.Tree(), fresh); !ok {
			t.Fatalf("after inserting %q at %d: node %d differs from a fresh parse", ins, at, i)
		}
		return next
	}
	for _, prepare := range []bool{false, true} {
		d := NewDocumentFromTree(src, cached, Options{})
		if d.Tree() != cached {
			t.Fatal("the document does not answer with the cached tree")
		}
		if prepare {
			if err := d.PrepareIncremental(); err != nil {
				t.Fatal(err)
			}
			if _, ok := treesEqual(d.Tree(), cached); !ok {
				t.Fatal("PrepareIncremental changed the tree")
			}
		}
		at := strings.Index(string(src), "a comment") + 1
		cur := edit(d, src, at, "x")
		if prepare && d.Reused == 0 {
			t.Errorf("after PrepareIncremental the first edit reused no subtree")
		}
		if !prepare && d.Reused != 0 {
			t.Errorf("without a tree-sitter tree the first edit reused %d nodes", d.Reused)
		}
		edit(d, cur, at, "y")
		if d.Reused == 0 {
			t.Errorf("prepare=%v: the second edit reused no subtree", prepare)
		}
		d.Close()
	}
}
