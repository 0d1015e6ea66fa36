package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "missing-await",
		Group:       "asyncio", // shares the coroutine knowledge (semantic.CoroutinesOf)
		Default:     analysis.SeverityWarning,
		Summary:     "A coroutine created and dropped (a bare call, `_ = f()`, a variable never read): its body never runs.",
		Check:       checkMissingAwait,
		Superlinear: true, // measured: quadratic on generated input (see bench/profile.md)
	})
}

func checkMissingAwait(c *analysis.Context) {
	m := c.Module
	t := m.Tree
	if len(t.Nodes) == 0 {
		return
	}
	co := semantic.CoroutinesOf(c)
	topLevel := TopLevelAwaitAllowed(c)
	var reads *readIndex // built on first need
	reportedContainers := map[syntax.NodeID]bool{}
	// Only calls and awaits matter: visit the lists Build made rather than every node.
	visit := func(n syntax.NodeID) bool {
		if t.Type(n) != "call" {
			return true
		}
		parent, child := analysis.ParentSkippingParens(t, n)
		if parent == syntax.NoNode {
			return true
		}
		var why string
		inspected := false
		switch t.Type(parent) {
		case "expression_statement":
		case "list", "set", "tuple", "list_comprehension", "set_comprehension":
			if f := t.Field(child); t.Type(parent) != "list" && t.Type(parent) != "set" && t.Type(parent) != "tuple" && f != "body" {
				return true
			}
			if !isStatement(t, parent) || reportedContainers[parent] {
				return true
			}
			if _, ok := co.IsCoroutineCall(n); !ok || InExpectedFailureBlock(t, n) {
				return true
			}
			reportedContainers[parent] = true
			kind := strings.TrimSuffix(t.Type(parent), "_comprehension")
			msg := fmt.Sprintf("this %s of coroutines is built and thrown away: none of them is ever awaited, so their bodies never run (await them, e.g. with asyncio.gather)", kind)
			c.Report(m.Span(parent), msg)
			return true
		case "assignment":
			if t.Field(child) != "right" {
				return true
			}
			left := t.ChildByField(parent, "left")
			if left == syntax.NoNode || t.Type(left) != "identifier" {
				return true
			}
			ident := t.Src[t.Nodes[left].Start:t.Nodes[left].End] // no copy for the many that return early
			if string(ident) != "_" {
				s := m.ScopeOf(left)
				if s.Kind != analysis.FunctionScope || s.Globals[string(ident)] || s.Nonlocals[string(ident)] {
					return true
				}
				if _, ok := co.IsCoroutineCall(n); !ok {
					return true // asked first: cheaper than the read index most modules never need
				}
				name := string(ident)
				if reads == nil {
					reads = sharedReads(c)
				}
				if reads.dynamic[s] {
					return true
				}
				if reads.mayRead(s, name, t.Nodes[left].End) {
					if len(s.Bindings.Lookup(name)) != 1 {
						return true
					}
					inspected = true
					why = fmt.Sprintf(" (%s is only inspected, never awaited or passed on)", name)
				} else {
					why = fmt.Sprintf(" (%s is never read)", name)
				}
			}
		default:
			return true
		}
		callee, ok := co.IsCoroutineCall(n)
		if !ok || InExpectedFailureBlock(t, n) {
			return true
		}
		if inspected && !onlyInspected(m, m.ScopeOf(t.ChildByField(parent, "left")), t.Text(t.ChildByField(parent, "left"))) {
			return true
		}
		msg := fmt.Sprintf("'%s()' creates a coroutine that is never awaited%s: its body never runs", callee, why)
		c.Report(m.Span(n), msg, awaitFixes(m, n, topLevel)...)
		return true
	}
	for _, n := range m.Calls {
		visit(n)
	}
	// an async property read as a statement: `job.done` makes a coroutine and drops it
	for _, a := range m.Attrs {
		if a.Store {
			continue
		}
		parent, _ := analysis.ParentSkippingParens(t, a.Node)
		if parent == syntax.NoNode || t.Type(parent) != "expression_statement" {
			continue
		}
		prop, ok := co.IsCoroutineAttribute(a.Node)
		if !ok || InExpectedFailureBlock(t, a.Node) {
			continue
		}
		msg := fmt.Sprintf("'%s' is an async property: reading it creates a coroutine that is never awaited, so its body never runs", prop)
		c.Report(m.Span(a.Node), msg, awaitFixes(m, a.Node, topLevel)...)
	}
}

// inspectingBuiltins are builtins that look at an object without awaiting, keeping or
// closing it.
var inspectingBuiltins = map[string]bool{
	"type": true, "id": true, "repr": true, "str": true, "print": true, "isinstance": true,
	"hash": true, "bool": true, "ascii": true, "format": true, "callable": true,
}

// onlyInspected reports whether every read of the local name of scope s only looks at
// the object: it is a positional argument of one of the inspecting builtins (not
// shadowed), or an operand of `is` / `==` and the like. A read anywhere else (awaited,
// returned, passed on, stored, closed, read by a nested function) may consume it.
func onlyInspected(m *analysis.Module, s *analysis.Scope, name string) bool {
	t := m.Tree
	for _, r := range m.Refs {
		if r.Name != name {
			continue
		}
		if sc, _ := m.Lookup(r.Scope, name); sc != s {
			continue
		}
		if r.Scope != s {
			return false
		}
		parent, child := analysis.ParentSkippingParens(t, r.Node)
		switch {
		case parent == syntax.NoNode:
			return false
		case t.Type(parent) == "comparison_operator":
		case t.Type(parent) == "argument_list" && t.Field(child) == "":
			call := t.Parent(parent)
			fn := t.ChildByField(call, "function")
			if fn == syntax.NoNode || t.Type(fn) != "identifier" || !inspectingBuiltins[t.Text(fn)] {
				return false
			}
			if sc, _ := m.Lookup(r.Scope, t.Text(fn)); sc != nil {
				return false // a local or global of that name, not the builtin
			}
		default:
			return false
		}
	}
	return true
}

// readIndex answers whether a local is ever read: the module's name loads by name,
// resolved (Module.Lookup) only for the names asked about, and the scopes that call
// locals(), vars(), exec() or eval(), which may read any local. It is built once per
// check and shared by missing-await and dangling-task.
type readIndex struct {
	m       *analysis.Module
	byName  map[string][]*analysis.Ref
	dynamic map[*analysis.Scope]bool
}

// sharedReads returns the read index of the checked module.
func sharedReads(c *analysis.Context) *readIndex {
	return c.Memo("rules.readIndex", func() any {
		m := c.Module
		ri := &readIndex{m: m, byName: make(map[string][]*analysis.Ref, len(m.Refs)/4), dynamic: map[*analysis.Scope]bool{}}
		for _, r := range m.Refs {
			ri.byName[r.Name] = append(ri.byName[r.Name], r)
			switch r.Name {
			case "locals", "vars", "exec", "eval":
				ri.dynamic[r.Scope] = true
			}
		}
		return ri
	}).(*readIndex)
}

// mayRead reports whether some code may read the local name of scope s, bound at
// offset at: a name load that resolves to it, or a call of locals() and the like in s.
// Loads after at are tried first (in source order), where a read usually is.
func (ri *readIndex) mayRead(s *analysis.Scope, name string, at uint32) bool {
	if ri.dynamic[s] {
		return true
	}
	refs := ri.byName[name]
	i := sort.Search(len(refs), func(i int) bool { return refs[i].Span.Start >= at })
	for _, part := range [][]*analysis.Ref{refs[i:], refs[:i]} {
		for _, r := range part {
			if sc, _ := ri.m.Lookup(r.Scope, name); sc == s {
				return true
			}
		}
	}
	return false
}

// awaitFixes returns the "Add await" fix for the coroutine-creating expression n, when an
// await is legal there.
func awaitFixes(m *analysis.Module, n syntax.NodeID, topLevel bool) []analysis.Fix {
	if !AwaitAllowed(m, n, topLevel) {
		return nil
	}
	at := m.Tree.Nodes[n].Start
	return []analysis.Fix{{
		Title:     "Add await",
		Edits:     []analysis.TextEdit{{Span: analysis.Span{Start: at, End: at}, NewText: "await "}},
		Preferred: true,
		Safe:      true, // AwaitAllowed: the await is legal here
	}}
}

// expectedFailureContexts are context managers whose block is expected to fail or warn:
// code there is written to provoke the very mistake (unittest's assertRaises/assertWarns,
// pytest.raises/warns, test.support's check_warnings).
var expectedFailureContexts = map[string]bool{
	"assertRaises": true, "assertRaisesRegex": true, "assertWarns": true, "assertWarnsRegex": true,
	"raises": true, "warns": true, "deprecated_call": true, "check_warnings": true,
}

// InExpectedFailureBlock reports whether n lies in the body of a `with` whose context
// manager expects an exception or a warning (`with self.assertRaises(...)`,
// `with pytest.warns(...)`): a deliberate mistake there is the test's subject.
func InExpectedFailureBlock(t *syntax.Tree, n syntax.NodeID) bool {
	for child, p := n, t.Parent(n); p != syntax.NoNode; child, p = p, t.Parent(p) {
		if t.Type(p) != "with_statement" || t.Field(child) != "body" {
			continue
		}
		found := false
		t.Walk(p, func(c syntax.NodeID) bool {
			if found || t.Field(c) == "body" {
				return false
			}
			if t.Type(c) == "with_item" {
				v := t.ChildByField(c, "value")
				if v != syntax.NoNode && t.Type(v) == "as_pattern" {
					if kids := t.NamedChildren(v); len(kids) > 0 {
						v = kids[0]
					}
				}
				if v != syntax.NoNode && t.Type(v) == "call" {
					name := analysis.DottedName(t, t.ChildByField(v, "function"))
					if i := strings.LastIndexByte(name, '.'); i >= 0 {
						name = name[i+1:]
					}
					found = expectedFailureContexts[name]
				}
				return false
			}
			return true
		})
		if found {
			return true
		}
	}
	return false
}
