package server

import (
	"slices"
	"testing"
)

// TestTouchKeepsFewOpenedTrees checks which documents keep their tree-sitter trees:
// the keepIncremental touched last, of which at most keepOpenedIncremental were only
// opened; an edited document stays edited when it is opened again.
func TestTouchKeepsFewOpenedTrees(t *testing.T) {
	ss := &session{}
	docs := make([]*document, 30)
	for i := range docs {
		docs[i] = &document{}
	}
	kept := func() []int {
		var out []int
		for i, d := range docs {
			if ss.isRecent(d) {
				out = append(out, i)
			}
		}
		return out
	}
	for _, d := range docs[:10] {
		ss.touch(d, false)
	}
	if got, want := kept(), []int{6, 7, 8, 9}; !slices.Equal(got, want) {
		t.Fatalf("after opening 10: %v keep trees, want %v", got, want)
	}
	ss.touch(docs[2], true) // edited: its tree is made again on this edit, and kept
	ss.touch(docs[2], false)
	if got, want := kept(), []int{2, 6, 7, 8, 9}; !slices.Equal(got, want) {
		t.Fatalf("after editing 2: %v keep trees, want %v", got, want)
	}
	for _, d := range docs[10:28] {
		ss.touch(d, true)
	}
	// 19 edited documents and 4 opened ones: the 16 touched last, all edited
	if got, want := kept(), []int{12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}; !slices.Equal(got, want) {
		t.Fatalf("after editing 18 more: %v keep trees, want %v", got, want)
	}
	ss.forget(docs[20])
	if ss.isRecent(docs[20]) {
		t.Fatal("a forgotten (closed) document is still kept")
	}
}
