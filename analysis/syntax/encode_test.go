package syntax

import (
	"testing"
	"unsafe"
)

func TestEncodeDecodeNodes(t *testing.T) {
	src := []byte("class C(B):\n    async def f(self):\n        await g(self.__x)\n\nx = [1, 2]  # c\n")
	tr, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	data := EncodeNodes(tr)
	back, err := DecodeNodes(src, data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := sameTree(tr, back); diff != "" {
		t.Fatalf("decoded tree differs: %s", diff)
	}
	if unsafe.Pointer(&back.Nodes[0]) != unsafe.Pointer(&data[0]) {
		t.Error("aligned bytes were copied, not viewed as the nodes")
	}
	// Bytes at an address not aligned for Node are copied.
	shifted := append([]byte{0}, data...)[1:]
	back, err = DecodeNodes(src, shifted)
	if err != nil {
		t.Fatal(err)
	}
	if diff := sameTree(tr, back); diff != "" {
		t.Fatalf("tree decoded from unaligned bytes differs: %s", diff)
	}
	if Grammar() == "" || Grammar() != Grammar() {
		t.Fatal("Grammar is not stable")
	}
	size := int(unsafe.Sizeof(Node{}))
	damaged := map[string][]byte{
		"empty":       nil,
		"bad length":  data[:len(data)-1],
		"short text":  data, // decoded against a shorter text below
		"bad link":    append(append([]byte(nil), data[:size]...), data[size:]...),
		"node beyond": append([]byte(nil), data...),
	}
	// A next sibling pointing far beyond the tree.
	nd := (*Node)(unsafe.Pointer(&damaged["bad link"][0]))
	nd.NextSibling = 1 << 20
	// A node ending beyond the text.
	last := (*Node)(unsafe.Pointer(&damaged["node beyond"][len(data)-size]))
	last.End = uint32(len(src) + 5)
	for name, d := range damaged {
		text := src
		if name == "short text" {
			text = src[:10]
		}
		if _, err := DecodeNodes(text, d); err == nil {
			t.Errorf("%s: decoded without an error", name)
		}
	}
	if EncodeNodes(&Tree{Placeholder: true, Nodes: []Node{{}}}) != nil {
		t.Error("a placeholder tree was encoded")
	}
}
