package syntax

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"unsafe"
)

// Grammar identifies the grammar and the node layout: a hash of every symbol and
// field name and of Node's size. An encoded tree is only decoded under the same one.
func Grammar() string {
	grammarOnce.Do(func() {
		namesOnce.Do(loadNames)
		h := sha256.New()
		h.Write([]byte(strings.Join(symbolName, "\x00")))
		h.Write([]byte{0xff})
		h.Write([]byte(strings.Join(fieldName, "\x00")))
		var size [8]byte
		binary.LittleEndian.PutUint64(size[:], uint64(unsafe.Sizeof(Node{})))
		h.Write(size[:])
		grammarID = hex.EncodeToString(h.Sum(nil)[:12])
	})
	return grammarID
}

var (
	grammarOnce sync.Once
	grammarID   string
)

// EncodeNodes returns the tree's nodes as bytes (the machine's layout: the bytes are
// for a cache on this machine, keyed by Grammar, not for exchange). Placeholder trees
// are not encoded (nil).
func EncodeNodes(t *Tree) []byte {
	if t == nil || t.Placeholder || len(t.Nodes) == 0 {
		return nil
	}
	size := int(unsafe.Sizeof(Node{}))
	raw := unsafe.Slice((*byte)(unsafe.Pointer(&t.Nodes[0])), len(t.Nodes)*size)
	return append([]byte(nil), raw...)
}

// DecodeNodes rebuilds the tree of src from EncodeNodes' bytes, checking that every
// node lies in src, every link points inside the tree and every symbol exists, so that
// damaged bytes give an error, never a tree that could crash a reader. When data is
// aligned for Node the tree's nodes are data itself, which the caller must not change
// afterwards.
func DecodeNodes(src, data []byte) (*Tree, error) {
	size := int(unsafe.Sizeof(Node{}))
	if len(data) == 0 || len(data)%size != 0 {
		return nil, errors.New("syntax: encoded tree has a bad length")
	}
	n := len(data) / size
	var nodes []Node
	if uintptr(unsafe.Pointer(&data[0]))%unsafe.Alignof(Node{}) == 0 {
		// Node holds no pointers, so the bytes can be the nodes: no copy (the tree
		// cache's entries are aligned for this, diskcache.Get).
		nodes = unsafe.Slice((*Node)(unsafe.Pointer(&data[0])), n)
	} else {
		nodes = make([]Node, n)
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&nodes[0])), n*size), data)
	}
	namesOnce.Do(loadNames)
	valid := func(id NodeID) bool { return id == NoNode || id > 0 && int(id) < n }
	for i := range nodes {
		nd := &nodes[i]
		if nd.Start > nd.End || int(nd.End) > len(src) ||
			!valid(nd.NextSibling) ||
			(i == 0) != (nd.Parent == NoNode) || nd.Parent != NoNode && (nd.Parent < 0 || int(nd.Parent) >= i) ||
			nd.NextSibling != NoNode && int(nd.NextSibling) <= i ||
			nd.Symbol != errorSymbol && int(nd.Symbol) >= len(symbolName) || int(nd.FieldID) >= len(fieldName) {
			return nil, errors.New("syntax: encoded tree is damaged")
		}
	}
	return &Tree{Src: src, Nodes: nodes}, nil
}
