package rules

import (
	"bytes"
	"strings"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:    "await-outside-async",
		Group:   "asyncio", // balances the two groups; shares the cell-marker memo with missing-await
		Default: analysis.SeverityError,
		Summary: "await, async for, async with or an async comprehension outside an async def, and yield from inside one: CPython refuses to compile the file.",
		Check:   checkAwaitOutsideAsync,
	})
}

// boundaryKind is the code unit that decides whether await is legal at a point.
type boundaryKind int

const (
	boundaryModule    boundaryKind = iota // top level of the module
	boundaryAsyncDef                      // the body of an async def
	boundarySyncDef                       // the body of a def
	boundaryLambda                        // the body of a lambda
	boundaryClass                         // a class body
	boundaryGenerator                     // inside a generator expression (it becomes an async one)
)

// asyncContext finds what decides whether `await` at node n compiles, as CPython 3.11
// does: the innermost def, lambda, class body or module whose code n runs in. Defaults,
// annotations and decorators run in the enclosing code; so does the first iterable of a
// comprehension. comp is the outermost list/set/dict comprehension crossed on the way
// (await there makes the comprehension asynchronous, which must itself sit in an async
// def); a generator expression ends the search (it becomes an async generator
// expression, legal anywhere).
func asyncContext(t *syntax.Tree, n syntax.NodeID) (kind boundaryKind, boundary, comp syntax.NodeID) {
	comp = syntax.NoNode
	child := n
	for p := t.Parent(n); p != syntax.NoNode; child, p = p, t.Parent(p) {
		switch t.Type(p) {
		case "function_definition":
			if t.Field(child) == "body" {
				if t.HasChildOfType(p, "async") {
					return boundaryAsyncDef, p, comp
				}
				return boundarySyncDef, p, comp
			}
		case "lambda":
			if t.Field(child) == "body" {
				return boundaryLambda, p, comp
			}
		case "class_definition":
			if t.Field(child) == "body" {
				return boundaryClass, p, comp
			}
		case "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression":
			if isFirstIterable(t, p, child) {
				continue
			}
			if t.Type(p) == "generator_expression" {
				return boundaryGenerator, p, comp
			}
			comp = p
		case "module":
			return boundaryModule, p, comp
		}
	}
	return boundaryModule, 0, comp
}

// isFirstIterable reports whether child (a child of comprehension p) is, or contains, the
// iterable of p's first for clause, which is evaluated outside the comprehension.
func isFirstIterable(t *syntax.Tree, p, child syntax.NodeID) bool {
	if t.Type(child) != "for_in_clause" {
		return false
	}
	for c := t.FirstChild(p); c != syntax.NoNode; c = t.NextSibling(c) {
		if t.Type(c) == "for_in_clause" {
			return c == child
		}
	}
	return false
}

// AwaitAllowed reports whether an `await` may be written at node n of module m without a
// SyntaxError: inside an async def (also in its comprehensions), or at the top level when
// topLevel is true (notebook cells).
func AwaitAllowed(m *analysis.Module, n syntax.NodeID, topLevel bool) bool {
	kind, _, _ := asyncContext(m.Tree, n)
	return kind == boundaryAsyncDef || kind == boundaryGenerator || kind == boundaryModule && topLevel
}

// TopLevelAwaitAllowed reports whether top-level await is legal in the checked file: a
// notebook cell, an .ipynb file, or a file with `# %%` cell markers, where the top level
// runs inside an event loop (IPython compiles cells with PyCF_ALLOW_TOP_LEVEL_AWAIT) —
// when the notebook.topLevelAwait setting (Config.TopLevelAwait, on by default) allows it.
func TopLevelAwaitAllowed(c *analysis.Context) bool {
	if !c.Config.TopLevelAwait {
		return false
	}
	if c.File != nil && (c.File.Notebook || strings.HasSuffix(strings.ToLower(c.File.Path), ".ipynb")) {
		return true
	}
	return c.Memo("rules.hasCellMarkers", func() any { return hasCellMarkers(c.Module.Tree.Src) }).(bool)
}

// hasCellMarkers reports whether src has a line starting with `# %%` (Jupytext, VS Code
// and Spyder cells).
func hasCellMarkers(src []byte) bool {
	for off := 0; ; {
		i := bytes.Index(src[off:], []byte("%%"))
		if i < 0 {
			return false
		}
		at := off + i
		start := bytes.LastIndexByte(src[:at], '\n') + 1
		line := src[start:at]
		if bytes.Equal(line, []byte("#")) || bytes.Equal(bytes.TrimLeft(line, " \t"), []byte("# ")) {
			return true
		}
		off = at + 2
	}
}

func checkAwaitOutsideAsync(c *analysis.Context) {
	t := c.Module.Tree
	if len(t.Nodes) == 0 {
		return
	}
	if !containsAround(t.Src, "await", 1) && !containsAround(t.Src, "async", 2) {
		return // every finding is at an await or async keyword (or a yield from in an async def)
	}
	topLevel := TopLevelAwaitAllowed(c)
	reportedComp := map[syntax.NodeID]bool{}
	t.Walk(0, func(n syntax.NodeID) bool {
		var what string
		var at syntax.NodeID = n
		switch t.Type(n) {
		case "await":
			if !t.IsNamed(n) {
				return true
			}
			what = "await"
			at = t.FirstChild(n)
		case "for_statement", "with_statement":
			if !t.HasChildOfType(n, "async") {
				return true
			}
			what = "async " + strings.TrimSuffix(t.Type(n), "_statement")
		case "for_in_clause":
			if !t.HasChildOfType(n, "async") {
				return true
			}
			what = "async for"
		case "yield":
			if !t.IsNamed(n) || !t.HasChildOfType(n, "from") {
				return true
			}
			if kind, _, _ := asyncContext(t, n); kind == boundaryAsyncDef {
				c.Report(keywordSpan(c.Module, n), "SyntaxError: 'yield from' inside async function: Python refuses to compile this file (use `async for` to delegate to an async iterator)")
			}
			return true
		default:
			return true
		}
		if t.Type(n) == "for_in_clause" {
			// an async for clause makes its own comprehension asynchronous
			p := t.Parent(n)
			if t.Type(p) == "generator_expression" {
				return true
			}
			kind, _, comp := asyncContext(t, p)
			reportComp(c, reportedComp, kind, outermost(t, p, comp), topLevel)
			return true
		}
		kind, _, comp := asyncContext(t, n)
		if comp != syntax.NoNode {
			reportComp(c, reportedComp, kind, comp, topLevel)
			return true
		}
		var msg string
		switch kind {
		case boundaryAsyncDef, boundaryGenerator:
			return true
		case boundaryModule:
			if topLevel {
				return true
			}
			if what == "await" {
				msg = "'await' outside function"
			} else {
				msg = "'" + what + "' outside async function"
			}
		case boundaryClass:
			if what == "await" {
				msg = "'await' outside function"
			} else {
				msg = "'" + what + "' outside async function"
			}
		default:
			msg = "'" + what + "' outside async function"
		}
		span := c.Module.Span(at)
		if what != "await" {
			span = keywordSpan(c.Module, n)
		}
		c.Report(span, "SyntaxError: "+msg+": Python refuses to compile this file")
		return true
	})
}

// outermost returns the outermost of the comprehension p and comp (comp encloses p
// when it is set).
func outermost(t *syntax.Tree, p, comp syntax.NodeID) syntax.NodeID {
	if comp != syntax.NoNode {
		return comp
	}
	return p
}

// reportComp reports an asynchronous comprehension outside an async def once.
func reportComp(c *analysis.Context, done map[syntax.NodeID]bool, kind boundaryKind, comp syntax.NodeID, topLevel bool) {
	if kind == boundaryAsyncDef || kind == boundaryGenerator || kind == boundaryModule && topLevel || done[comp] {
		return
	}
	done[comp] = true
	t := c.Module.Tree
	start := t.Nodes[comp].Start
	c.Report(analysis.Span{Start: start, End: start + 1}, "SyntaxError: asynchronous comprehension outside of an asynchronous function: Python refuses to compile this file")
}

// keywordSpan spans the leading keywords of a statement: `async for`, `async with`,
// `yield from`.
func keywordSpan(m *analysis.Module, n syntax.NodeID) analysis.Span {
	t := m.Tree
	first := t.FirstChild(n)
	if first == syntax.NoNode {
		return m.Span(n)
	}
	second := t.NextSibling(first)
	end := t.Nodes[first].End
	if second != syntax.NoNode && !t.IsNamed(second) {
		end = t.Nodes[second].End
	}
	return analysis.Span{Start: t.Nodes[first].Start, End: end}
}

// containsAround reports whether src contains word, searching for its byte at index
// rare (the vectorised search for a byte that is rare in code, like the w of await or
// the y of async, skips most of the text; bytes.Contains stops at every "a").
func containsAround(src []byte, word string, rare int) bool {
	c := word[rare]
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], c)
		if j < 0 {
			return false
		}
		at := i + j - rare
		if at >= 0 && at+len(word) <= len(src) && string(src[at:at+len(word)]) == word {
			return true
		}
		i += j + 1
	}
}
