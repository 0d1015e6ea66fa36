package rules

import (
	"fmt"

	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/semantic"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:        "coroutine-function-not-called",
		Group:       "asyncio", // shares the coroutine knowledge (semantic.CoroutinesOf)
		Default:     analysis.SeverityError,
		RunTime:     true,
		Summary:     "A coroutine function passed where a coroutine is required (asyncio.run(main), await main): it fails at run time.",
		Check:       checkCoroutineFunctionNotCalled,
		Superlinear: true, // measured: quadratic on generated input (see bench/profile.md)
	})
}

// coroutineTaker is a function that needs a coroutine (or awaitable) in some arguments.
type coroutineTaker struct {
	// all: every positional argument (gather); else only the first.
	all bool
	// exc is the exception CPython 3.11 raises when given a function.
	exc string
}

// coroutineTakers are asyncio's functions that are given coroutines, by qualified name.
var coroutineTakers = map[string]coroutineTaker{
	"asyncio.run":                      {exc: "ValueError"},
	"asyncio.create_task":              {exc: "TypeError"},
	"asyncio.ensure_future":            {exc: "TypeError"},
	"asyncio.gather":                   {all: true, exc: "TypeError"},
	"asyncio.wait_for":                 {exc: "TypeError"},
	"asyncio.shield":                   {exc: "TypeError"},
	"asyncio.run_coroutine_threadsafe": {exc: "TypeError"},
}

// coroutineTakerMethods are methods, on any receiver, that are given coroutines: an
// event loop's run_until_complete and create_task, a TaskGroup's create_task, a
// Runner's run.
var coroutineTakerMethods = map[string]coroutineTaker{
	"run_until_complete": {exc: "TypeError"},
	"create_task":        {exc: "TypeError"},
}

func checkCoroutineFunctionNotCalled(c *analysis.Context) {
	m := c.Module
	t := m.Tree
	if len(t.Nodes) == 0 {
		return
	}
	co := semantic.CoroutinesOf(c)
	namesAsyncio := importsAsyncio(m)
	report := func(arg syntax.NodeID, where, exc string) {
		name, ok := co.IsCoroutineFunctionExpr(arg)
		if !ok {
			return
		}
		arg = analysis.SkipParens(t, arg)
		msg := fmt.Sprintf("%s is given the coroutine function '%s' itself, not a coroutine: %s at run time; call it: %s()", where, name, exc, name)
		end := t.Nodes[arg].End
		c.Report(m.Span(arg), msg, analysis.Fix{
			Title:     "Call it",
			Edits:     []analysis.TextEdit{{Span: analysis.Span{Start: end, End: end}, NewText: "()"}},
			Preferred: true,
			Safe:      true,
		})
	}
	// Only calls and awaits matter: visit the lists Build made rather than every node.
	visit := func(n syntax.NodeID) bool {
		switch t.Type(n) {
		case "await":
			if !t.IsNamed(n) {
				return true
			}
			if kids := t.NamedChildren(n); len(kids) == 1 {
				report(kids[0], "await", "TypeError")
			}
		case "call":
			fn := analysis.SkipParens(t, t.ChildByField(n, "function"))
			args := t.ChildByField(n, "arguments")
			if fn == syntax.NoNode || args == syntax.NoNode || t.Type(args) != "argument_list" {
				return true
			}
			var taker coroutineTaker
			ok := false
			if namesAsyncio {
				taker, ok = coroutineTakers[co.QualifiedName(fn)]
			}
			if !ok && t.Type(fn) == "attribute" {
				if attr := t.ChildByField(fn, "attribute"); attr != syntax.NoNode {
					taker, ok = coroutineTakerMethods[t.Text(attr)]
				}
			}
			if !ok {
				return true
			}
			where := t.Text(fn) + "()"
			for _, a := range t.NamedChildren(args) {
				switch t.Type(a) {
				case "keyword_argument", "dictionary_splat":
					continue
				case "list_splat":
					// gather(*[job, job]): the elements of an unpacked display are the
					// arguments; only where every one of them is an argument
					if taker.all {
						for _, e := range unpackedElements(t, a) {
							report(e, where, taker.exc)
						}
					}
					continue
				}
				report(a, where, taker.exc)
				if !taker.all {
					break
				}
			}
		}
		return true
	}
	for _, n := range m.Awaits {
		visit(n)
	}
	for _, n := range m.Calls {
		visit(n)
	}
}

// unpackedElements returns the elements of a list, tuple or set display unpacked by
// the list_splat node a (`*[x, y]`, `*(x, y)`); nil for anything else.
func unpackedElements(t *syntax.Tree, a syntax.NodeID) []syntax.NodeID {
	kids := t.NamedChildren(a)
	if len(kids) != 1 {
		return nil
	}
	d := kids[0]
	switch t.Type(d) {
	case "list", "tuple", "set":
	case "parenthesized_expression":
		return nil // *(x) unpacks x itself
	default:
		return nil
	}
	var out []syntax.NodeID
	for _, e := range t.NamedChildren(d) {
		if t.Type(e) != "list_splat" {
			out = append(out, e)
		}
	}
	return out
}

// importsAsyncio reports whether the module imports asyncio or one of its submodules
// by an absolute import, anywhere. Without one, no expression of the module has a
// qualified name in asyncio (Coroutines.QualifiedName follows absolute imports only),
// and the rules skip asking.
func importsAsyncio(m *analysis.Module) bool {
	for _, imp := range m.Imports {
		if imp.Dots > 0 {
			continue
		}
		if imp.From {
			if len(imp.Module) > 0 && imp.Module[0].Name == "asyncio" {
				return true
			}
			continue
		}
		for _, in := range imp.Names {
			if len(in.Path) > 0 && in.Path[0].Name == "asyncio" {
				return true
			}
		}
	}
	return false
}
