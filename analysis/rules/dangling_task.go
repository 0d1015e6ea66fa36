package rules

import (
	"fmt"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "dangling-task",
		Group:       "asyncio", // shares the coroutine knowledge (semantic.CoroutinesOf)
		Default:     analysis.SeverityWarning,
		Summary:     "The task of asyncio.create_task / ensure_future / loop.create_task dropped: the loop keeps only a weak reference, so it may vanish mid-flight.",
		Check:       checkDanglingTask,
		Superlinear: true, // measured: quadratic on generated input (see bench/profile.md)
	})
}

// taskFactories create a task that only a weak reference keeps alive, by qualified name.
var taskFactories = map[string]bool{
	"asyncio.create_task":   true,
	"asyncio.ensure_future": true,
}

// loopNames are the spellings of an event loop receiver pyward trusts without seeing
// where it came from (`self._loop.create_task(...)` throughout asyncio).
var loopNames = map[string]bool{"loop": true, "_loop": true, "event_loop": true}

func checkDanglingTask(c *analysis.Context) {
	m := c.Module
	t := m.Tree
	if len(t.Nodes) == 0 {
		return
	}
	co := semantic.CoroutinesOf(c)
	namesAsyncio := importsAsyncio(m)
	var reads *readIndex // built on first need
	for _, call := range m.Calls {
		if !namesAsyncio {
			// only loop.create_task(...) makes a task here: ask that first, before
			// taskDropped builds the read index for a local the call's value is kept in
			if _, ok := taskFactory(co, t, call, false); !ok {
				continue
			}
		}
		why, ok := taskDropped(m, call, func(s *analysis.Scope, local string) bool {
			if reads == nil {
				// shared with missing-await, which asks about the same assignments
				reads = sharedReads(c)
			}
			return reads.mayRead(s, local, t.Nodes[call].End)
		})
		if !ok {
			continue
		}
		if name, ok := taskFactory(co, t, call, namesAsyncio); ok && !InExpectedFailureBlock(t, call) {
			msg := fmt.Sprintf("the task %s() creates is %s: the event loop keeps only a weak reference to it, so it may be garbage-collected before it finishes; keep a reference (e.g. in a set, discarded when done)", name, why)
			c.Report(m.Span(call), msg)
		}
	}
}

// taskDropped reports whether the value of call is surely dropped, and how: a bare
// call statement; an element of a list, set or tuple display, or the element of a
// list or set comprehension, built as a statement and thrown away; assigned to `_` or
// to a local that is never read (read(scope, name) tells whether some code may read
// it) in a function.
func taskDropped(m *analysis.Module, call syntax.NodeID, read func(*analysis.Scope, string) bool) (string, bool) {
	t := m.Tree
	parent, child := analysis.ParentSkippingParens(t, call)
	if parent == syntax.NoNode {
		return "", false
	}
	switch t.Type(parent) {
	case "expression_statement":
		return "dropped", true
	case "list", "set", "tuple":
		if isStatement(t, parent) {
			return "dropped with the " + t.Type(parent) + " that holds it", true
		}
	case "list_comprehension", "set_comprehension":
		if t.Field(child) == "body" && isStatement(t, parent) {
			return "dropped with the " + strings.TrimSuffix(t.Type(parent), "_comprehension") + " that holds it", true
		}
	case "assignment":
		left := t.ChildByField(parent, "left")
		if t.Field(child) != "right" || left == syntax.NoNode || t.Type(left) != "identifier" {
			return "", false
		}
		name := t.Text(left)
		s := m.ScopeOf(left)
		if s.Kind != analysis.FunctionScope || s.Globals[name] || s.Nonlocals[name] {
			return "", false
		}
		if name == "_" {
			return "assigned to _ only", true
		}
		if !read(s, name) {
			return fmt.Sprintf("kept only in %s, which is never read", name), true
		}
	}
	return "", false
}

// isStatement reports whether expression n (through parentheses) is a whole expression
// statement, whose value is thrown away.
func isStatement(t *syntax.Tree, n syntax.NodeID) bool {
	p, _ := analysis.ParentSkippingParens(t, n)
	return p != syntax.NoNode && t.Type(p) == "expression_statement" && len(t.NamedChildren(p)) == 1
}

// taskFactory reports whether call creates a task that nothing else keeps alive;
// namesAsyncio says whether the module imports asyncio at all (importsAsyncio).
func taskFactory(co *semantic.Coroutines, t *syntax.Tree, call syntax.NodeID, namesAsyncio bool) (string, bool) {
	fn := analysis.SkipParens(t, t.ChildByField(call, "function"))
	if fn == syntax.NoNode {
		return "", false
	}
	if namesAsyncio && taskFactories[co.QualifiedName(fn)] {
		return t.Text(fn), true
	}
	if t.Type(fn) != "attribute" {
		return "", false
	}
	attr := t.ChildByField(fn, "attribute")
	obj := analysis.SkipParens(t, t.ChildByField(fn, "object"))
	if attr == syntax.NoNode || obj == syntax.NoNode || t.Text(attr) != "create_task" {
		return "", false
	}
	if co.IsEventLoopExpr(obj) {
		return t.Text(fn), true
	}
	last := obj
	if t.Type(obj) == "attribute" {
		last = t.ChildByField(obj, "attribute")
	}
	if last != syntax.NoNode && t.Type(last) == "identifier" && loopNames[t.Text(last)] {
		return t.Text(fn), true
	}
	return "", false
}
