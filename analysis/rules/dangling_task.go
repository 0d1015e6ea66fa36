package rules

import (
	"fmt"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "dangling-task",
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
	t.Walk(0, func(n syntax.NodeID) bool {
		if t.Type(n) != "expression_statement" {
			return true
		}
		kids := t.NamedChildren(n)
		if len(kids) != 1 {
			return false
		}
		call := analysis.SkipParens(t, kids[0])
		if t.Type(call) != "call" {
			return false
		}
		if name, ok := taskFactory(co, t, call); ok && !InExpectedFailureBlock(t, call) {
			msg := fmt.Sprintf("the task %s() creates is dropped: the event loop keeps only a weak reference to it, so it may be garbage-collected before it finishes; keep a reference (e.g. in a set, discarded when done)", name)
			c.Report(m.Span(call), msg)
		}
		return false
	})
}

// taskFactory reports whether call creates a task that nothing else keeps alive.
func taskFactory(co *semantic.Coroutines, t *syntax.Tree, call syntax.NodeID) (string, bool) {
	fn := analysis.SkipParens(t, t.ChildByField(call, "function"))
	if fn == syntax.NoNode {
		return "", false
	}
	if taskFactories[co.QualifiedName(fn)] {
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
