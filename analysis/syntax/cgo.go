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
  int32_t parent, first_child, next_sibling;
  uint16_t symbol, field;
  uint8_t flags;
} pyward_node;

enum { PW_NAMED = 1, PW_MISSING = 2, PW_EXTRA = 4 };

// pyward_flatten writes the tree in pre-order into out and returns the number of nodes
// the tree has. When that is more than cap, only the first cap nodes were written and
// the caller must call again with a larger buffer. Parent, first-child and next-sibling
// links are indexes into out.
static uint32_t pyward_flatten(const TSTree *tree, pyward_node *out, uint32_t cap) {
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  int32_t stack[4096 * 4];
  int32_t last_child[4096 * 4];
  int depth = 0;
  uint32_t n = 0;
  stack[0] = -1; last_child[0] = -1;
  pyward_node overflow;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&c);
    pyward_node *p = n < cap ? &out[n] : &overflow;
    p->start = ts_node_start_byte(node);
    p->end = ts_node_end_byte(node);
    p->symbol = ts_node_symbol(node);
    p->field = ts_tree_cursor_current_field_id(&c);
    p->flags = (ts_node_is_named(node) ? PW_NAMED : 0) | (ts_node_is_missing(node) ? PW_MISSING : 0) |
               (ts_node_is_extra(node) ? PW_EXTRA : 0);
    p->parent = stack[depth];
    p->first_child = -1;
    p->next_sibling = -1;
    if (last_child[depth] >= 0) { if ((uint32_t)last_child[depth] < cap) out[last_child[depth]].next_sibling = (int32_t)n; }
    else if (stack[depth] >= 0 && (uint32_t)stack[depth] < cap) out[stack[depth]].first_child = (int32_t)n;
    last_child[depth] = (int32_t)n;
    n++;
    if (depth + 1 < (int)(sizeof(stack) / sizeof(stack[0])) && ts_tree_cursor_goto_first_child(&c)) {
      depth++;
      stack[depth] = (int32_t)(n - 1);
      last_child[depth] = -1;
      continue;
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
	"sync"
	"unsafe"

	// The tree-sitter runtime and the Python grammar are linked from these packages.
	_ "github.com/smacker/go-tree-sitter"
	_ "github.com/smacker/go-tree-sitter/python"
)

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

// flatten copies the C tree into Go memory. Node has the same layout as pyward_node
// (checked by TestNodeLayout), so C writes straight into the Go slice. sizeHint is the
// expected node count (the previous version's, for an edit); a wrong guess costs a
// second walk, never a wrong tree.
func flatten(t *C.TSTree, sizeHint int) []Node {
	capacity := sizeHint + sizeHint/16 + 256
	for {
		nodes := make([]Node, capacity)
		got := int(C.pyward_flatten(t, (*C.pyward_node)(unsafe.Pointer(&nodes[0])), C.uint32_t(capacity)))
		if got <= capacity {
			if got < capacity*3/4 { // a poor guess: do not keep the slack alive
				return append([]Node(nil), nodes[:got]...)
			}
			return nodes[:got:got]
		}
		capacity = got
	}
}

// cNodeSize is the size of pyward_node in C, for the layout test.
const cNodeSize = C.sizeof_pyward_node
