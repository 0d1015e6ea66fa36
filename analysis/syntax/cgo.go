package syntax

// This file is the only place where pyward talks to the tree-sitter C runtime.
// The runtime and the Python grammar are compiled by github.com/smacker/go-tree-sitter
// (and its python sub-package); we call the C API directly rather than through the
// binding's Go wrappers because:
//   - the binding caches every visited node in a per-tree Go map, which makes a full
//     walk of a 6,000-line file cost ~20-35 ms and makes trees unsafe to read from two
//     goroutines; one C call that flattens the tree into a Go slice costs ~1 ms and
//     yields immutable data that any goroutine may read;
//   - the binding's Tree.Edit passes the old end point as the new end point.

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct TSLanguage TSLanguage;
typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct { uint32_t row; uint32_t column; } TSPoint;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;
typedef struct {
  uint32_t start_byte; uint32_t old_end_byte; uint32_t new_end_byte;
  TSPoint start_point; TSPoint old_end_point; TSPoint new_end_point;
} TSInputEdit;

const TSLanguage *tree_sitter_python(void);
TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
void ts_parser_set_timeout_micros(TSParser *self, uint64_t timeout_micros);
void ts_parser_reset(TSParser *self);
TSTree *ts_tree_copy(const TSTree *self);
void ts_tree_delete(TSTree *self);
void ts_tree_edit(TSTree *self, const TSInputEdit *edit);
TSNode ts_tree_root_node(const TSTree *self);
TSSymbol ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_is_extra(TSNode self);
bool ts_node_has_error(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
uint32_t ts_language_symbol_count(const TSLanguage *self);
const char *ts_language_symbol_name(const TSLanguage *self, TSSymbol symbol);
uint32_t ts_language_field_count(const TSLanguage *self);
const char *ts_language_field_name_for_id(const TSLanguage *self, TSFieldId id);

typedef struct {
  uint32_t start, end;
  int32_t parent, next_sibling; // a node's first child is the next node, if its parent
  uint16_t symbol;
  uint8_t field; // the grammar has fewer than 256 fields (loadNames checks)
  uint8_t flags;
} pyward_node;

enum { PW_NAMED = 1, PW_MISSING = 2, PW_EXTRA = 4 };

// pyward_subtree_end returns the index after the subtree of old[i] in pre-order.
static uint32_t pyward_subtree_end(const pyward_node *old, uint32_t old_n, int32_t i) {
  int32_t e = i;
  while (e >= 0) {
    if (old[e].next_sibling >= 0) return (uint32_t)old[e].next_sibling;
    e = old[e].parent;
  }
  return old_n;
}

// pyward_flatten writes the tree in pre-order into out (and each node's subtree id into
// ids) and returns the number of nodes the tree has. When that is more than cap, only
// the first cap nodes were written and the caller must call again with a larger buffer.
// Parent and next-sibling links are indexes into out; a node's first child is the next
// node when that node's parent is it.
//
// When old is not NULL it is the flat form of the tree this one was incrementally
// reparsed from (old_ids its subtree ids), and that tree must still be alive: a subtree
// that tree-sitter reused (the same subtree id, the same length) is copied from old,
// shifted, instead of being walked again. Only the root of a copied subtree is read
// from the new tree, since its field and alias depend on its new parent.
static uint32_t pyward_flatten(const TSTree *tree, pyward_node *out, uintptr_t *ids, uint32_t cap,
                               const pyward_node *old, const uintptr_t *old_ids, uint32_t old_n,
                               uint32_t *reused) {
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  enum { MAXD = 4096 * 4 };
  // Per-thread scratch, allocated on a thread's first flatten. Not a static __thread
  // array: the C library zeroes the static TLS block of every thread it starts, and the
  // Go runtime starts several, so 192 KB of TLS cost each new thread ~50 page faults
  // (about a third of a server's start-up time on a VM). Threads of the Go runtime do
  // not exit, so the buffer is never freed.
  static __thread int32_t *scratch;
  if (scratch == NULL) {
    scratch = malloc(3 * MAXD * sizeof(int32_t));
    if (scratch == NULL) abort();
  }
  int32_t *stack = scratch, *last_child = scratch + MAXD, *oj = scratch + 2 * MAXD;
  int depth = 0;
  uint32_t n = 0;
  *reused = 0;
  stack[0] = -1; last_child[0] = -1; oj[0] = (old && old_n > 0) ? 0 : -1;
  pyward_node overflow;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&c);
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    int32_t match = -1;
    if (oj[depth] >= 0) {
      int32_t k = oj[depth];
      for (int w = 0; k >= 0 && w < 8; w++, k = old[k].next_sibling) {
        if (old_ids[k] == (uintptr_t)node.id) { match = k; break; }
      }
      if (match >= 0 && old[match].end - old[match].start != end - start) match = -1;
    }
    uint8_t flags = (ts_node_is_named(node) ? PW_NAMED : 0) | (ts_node_is_missing(node) ? PW_MISSING : 0) |
                    (ts_node_is_extra(node) ? PW_EXTRA : 0);
    uint8_t field = (uint8_t)ts_tree_cursor_current_field_id(&c);
    uint16_t symbol = ts_node_symbol(node);
    if (last_child[depth] >= 0) { if ((uint32_t)last_child[depth] < cap) out[last_child[depth]].next_sibling = (int32_t)n; }
    last_child[depth] = (int32_t)n;
    if (match >= 0) {
      uint32_t oend = pyward_subtree_end(old, old_n, match);
      int32_t shift = (int32_t)n - match;
      int64_t delta = (int64_t)start - (int64_t)old[match].start;
      for (uint32_t k = (uint32_t)match; k < oend; k++) {
        uint32_t m = k + shift;
        if (m >= cap) continue;
        pyward_node q = old[k];
        q.start = (uint32_t)((int64_t)q.start + delta);
        q.end = (uint32_t)((int64_t)q.end + delta);
        if (k == (uint32_t)match) {
          q.parent = stack[depth];
          q.next_sibling = -1;
          q.field = field; q.flags = flags; q.symbol = symbol;
        } else {
          q.parent = q.parent + shift;
          q.next_sibling = q.next_sibling >= 0 ? q.next_sibling + shift : -1;
        }
        out[m] = q;
        ids[m] = old_ids[k];
      }
      n += oend - (uint32_t)match;
      *reused += oend - (uint32_t)match;
      oj[depth] = old[match].next_sibling;
    } else {
      pyward_node *p = n < cap ? &out[n] : &overflow;
      p->start = start; p->end = end; p->symbol = symbol; p->field = field; p->flags = flags;
      p->parent = stack[depth]; p->next_sibling = -1;
      if (n < cap) ids[n] = (uintptr_t)node.id;
      int32_t counterpart = -1;
      if (oj[depth] >= 0 && old[oj[depth]].symbol == symbol) {
        counterpart = oj[depth];
        oj[depth] = old[counterpart].next_sibling;
      }
      n++;
      if (depth + 1 < MAXD && ts_tree_cursor_goto_first_child(&c)) {
        depth++;
        stack[depth] = (int32_t)(n - 1);
        last_child[depth] = -1;
        oj[depth] = counterpart >= 0 && (uint32_t)counterpart + 1 < old_n && old[counterpart + 1].parent == counterpart
                        ? counterpart + 1 : -1;
        continue;
      }
    }
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) { ts_tree_cursor_delete(&c); return n; }
      depth--;
    }
  }
}
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"

	// The tree-sitter runtime and the Python grammar are linked from these packages.
	_ "github.com/smacker/go-tree-sitter"
	_ "github.com/smacker/go-tree-sitter/python"
)

// maxFieldID is the largest field id Node.FieldID (and the C struct) can hold.
const maxFieldID = 255

// maxDepth is the deepest nesting flatten descends into (the C stack above). Deeper
// subtrees are kept as a single node, so pathological input cannot overflow it.
const maxDepth = 4096 * 4

var (
	namesOnce  sync.Once
	symbolName []string
	fieldName  []string
)

func loadNames() {
	lang := C.tree_sitter_python()
	n := int(C.ts_language_symbol_count(lang))
	symbolName = make([]string, n)
	for i := 0; i < n; i++ {
		symbolName[i] = C.GoString(C.ts_language_symbol_name(lang, C.TSSymbol(i)))
	}
	f := int(C.ts_language_field_count(lang))
	if f > maxFieldID {
		panic(fmt.Sprintf("syntax: the grammar has %d fields; Node.FieldID holds at most %d", f, maxFieldID))
	}
	fieldName = make([]string, f+1)
	for i := 1; i <= f; i++ {
		fieldName[i] = C.GoString(C.ts_language_field_name_for_id(lang, C.TSFieldId(i)))
	}
}

// cParser owns a TSParser.
type cParser struct{ p *C.TSParser }

func newCParser() *cParser {
	namesOnce.Do(loadNames)
	p := C.ts_parser_new()
	C.ts_parser_set_language(p, C.tree_sitter_python())
	return &cParser{p: p}
}

func (p *cParser) close() {
	if p.p != nil {
		C.ts_parser_delete(p.p)
		p.p = nil
	}
}

// parse parses src, reusing old (which must already be edited) when non-nil.
func (p *cParser) parse(old *C.TSTree, src []byte, timeoutMicros uint64) *C.TSTree {
	C.ts_parser_set_timeout_micros(p.p, C.uint64_t(timeoutMicros))
	var ptr *C.char
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	}
	t := C.ts_parser_parse_string(p.p, old, ptr, C.uint32_t(len(src)))
	if t == nil {
		C.ts_parser_reset(p.p)
	}
	return t
}

// hasError reports whether the tree has an ERROR or MISSING node (an O(1) query).
func hasError(t *C.TSTree) bool {
	return bool(C.ts_node_has_error(C.ts_tree_root_node(t)))
}

func deleteTree(t *C.TSTree) {
	if t != nil {
		C.ts_tree_delete(t)
	}
}

func editTree(t *C.TSTree, e Edit) {
	in := C.TSInputEdit{
		start_byte:    C.uint32_t(e.StartByte),
		old_end_byte:  C.uint32_t(e.OldEndByte),
		new_end_byte:  C.uint32_t(e.NewEndByte),
		start_point:   C.TSPoint{row: C.uint32_t(e.StartPoint.Row), column: C.uint32_t(e.StartPoint.Column)},
		old_end_point: C.TSPoint{row: C.uint32_t(e.OldEndPoint.Row), column: C.uint32_t(e.OldEndPoint.Column)},
		new_end_point: C.TSPoint{row: C.uint32_t(e.NewEndPoint.Row), column: C.uint32_t(e.NewEndPoint.Column)},
	}
	C.ts_tree_edit(t, &in)
}

// flatten copies the C tree into Go memory and returns the nodes and their subtree ids.
// Node has the same layout as pyward_node (checked by TestNodeLayout), so C writes
// straight into the Go slice. sizeHint is the expected node count; a wrong guess costs
// a second walk, never a wrong tree. old and oldIDs, when given, are the previous
// version's flat tree, whose reused subtrees are copied instead of walked; the C tree
// they came from must still be alive.
func flatten(t *C.TSTree, sizeHint int, old []Node, oldIDs []uintptr) (nodes []Node, ids []uintptr, reused int) {
	nodes, ids, reused = flattenInto(t, sizeHint, old, oldIDs, nil, nil)
	if len(nodes) < cap(nodes)*3/4 { // a poor guess: do not keep the slack alive
		return append([]Node(nil), nodes...), append([]uintptr(nil), ids...), reused
	}
	return nodes[:len(nodes):len(nodes)], ids[:len(ids):len(ids)], reused
}

// flattenInto is flatten writing into bufs (grown when too small), so that a caller
// that flattens many trees can reuse its buffers.
func flattenInto(t *C.TSTree, sizeHint int, old []Node, oldIDs []uintptr, nodeBuf []Node, idBuf []uintptr) (nodes []Node, ids []uintptr, reused int) {
	capacity := max(sizeHint+sizeHint/16+256, cap(nodeBuf))
	var oldPtr *C.pyward_node
	var oldIDPtr *C.uintptr_t
	if len(old) > 0 && len(old) == len(oldIDs) {
		oldPtr = (*C.pyward_node)(unsafe.Pointer(&old[0]))
		oldIDPtr = (*C.uintptr_t)(unsafe.Pointer(&oldIDs[0]))
	}
	for {
		if cap(nodeBuf) >= capacity && cap(idBuf) >= capacity {
			nodes, ids = nodeBuf[:capacity], idBuf[:capacity]
		} else {
			nodes, ids = make([]Node, capacity), make([]uintptr, capacity)
		}
		var r C.uint32_t
		got := int(C.pyward_flatten(t, (*C.pyward_node)(unsafe.Pointer(&nodes[0])), (*C.uintptr_t)(unsafe.Pointer(&ids[0])),
			C.uint32_t(capacity), oldPtr, oldIDPtr, C.uint32_t(len(oldIDs)), &r))
		if got <= capacity {
			return nodes[:got], ids[:got], int(r)
		}
		capacity = got
	}
}

// cNodeSize is the size of pyward_node in C, for the layout test.
const cNodeSize = C.sizeof_pyward_node
