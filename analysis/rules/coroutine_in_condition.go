package rules

import (
	"fmt"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:    "coroutine-in-condition",
		Group:   "asyncio", // shares the coroutine knowledge (semantic.CoroutinesOf)
		Default: analysis.SeverityError,
		RunTime: true,
		Summary: "A coroutine used as a truth value (if f():, not f(), f() and x, ...): a coroutine object is always true.",
		Check:   checkCoroutineInCondition,
	})
}

func checkCoroutineInCondition(c *analysis.Context) {
	m := c.Module
	t := m.Tree
	if len(t.Nodes) == 0 {
		return
	}
	co := semantic.CoroutinesOf(c)
	topLevel := TopLevelAwaitAllowed(c)
	// Only calls and awaits matter: visit the lists Build made rather than every node.
	visit := func(n syntax.NodeID) bool {
		if t.Type(n) != "call" {
			return true
		}
		tested, compared := IsTruthTested(t, n), isCompared(t, n)
		if !tested && !compared {
			return true
		}
		callee, ok := co.IsCoroutineCall(n)
		if !ok || InExpectedFailureBlock(t, n) {
			return true
		}
		msg := fmt.Sprintf("'%s()' is a coroutine, which is always true: the condition never sees its result, and its body never runs", callee)
		if compared {
			msg = fmt.Sprintf("'%s()' is a coroutine, not its result: it equals nothing but itself, so the comparison never sees the result, and its body never runs", callee)
		}
		c.Report(m.Span(n), msg, awaitFixes(m, n, topLevel)...)
		return true
	}
	for _, n := range m.Calls {
		visit(n)
	}
	// an async property as a condition: `if job.done:` tests a coroutine object
	for _, a := range m.Attrs {
		if a.Store {
			continue
		}
		tested, compared := IsTruthTested(t, a.Node), isCompared(t, a.Node)
		if !tested && !compared {
			continue
		}
		prop, ok := co.IsCoroutineAttribute(a.Node)
		if !ok || InExpectedFailureBlock(t, a.Node) {
			continue
		}
		msg := fmt.Sprintf("'%s' is an async property: reading it gives a coroutine, which is always true, so the condition never sees its result, and its body never runs", prop)
		if compared {
			msg = fmt.Sprintf("'%s' is an async property: reading it gives a coroutine, which equals nothing but itself, so the comparison never sees its result, and its body never runs", prop)
		}
		c.Report(m.Span(a.Node), msg, awaitFixes(m, a.Node, topLevel)...)
	}
}

// IsTruthTested reports whether Python takes the truth value of expression n itself:
// the condition of if/elif/while, a conditional expression, assert, a comprehension's
// or case guard's if, the operand of not, the left operand of and/or (and the right one
// when the whole and/or is itself truth-tested).
func IsTruthTested(t *syntax.Tree, n syntax.NodeID) bool {
	parent, child := analysis.ParentSkippingParens(t, n)
	if parent == syntax.NoNode {
		return false
	}
	switch t.Type(parent) {
	case "if_statement", "elif_clause", "while_statement":
		return t.Field(child) == "condition"
	case "assert_statement":
		kids := t.NamedChildren(parent)
		return len(kids) > 0 && kids[0] == child
	case "not_operator":
		return t.Field(child) == "argument"
	case "if_clause":
		return true
	case "conditional_expression":
		kids := t.NamedChildren(parent)
		return len(kids) == 3 && kids[1] == child
	case "boolean_operator":
		if t.Field(child) == "left" {
			return true
		}
		return IsTruthTested(t, parent)
	}
	return false
}

// isCompared reports whether expression n (through parentheses) is an operand of a
// comparison (==, !=, is, is not, in, not in, <, ...).
func isCompared(t *syntax.Tree, n syntax.NodeID) bool {
	parent, _ := analysis.ParentSkippingParens(t, n)
	return parent != syntax.NoNode && t.Type(parent) == "comparison_operator"
}
