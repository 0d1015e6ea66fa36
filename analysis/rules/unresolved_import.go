package rules

import (
	"github.com/pyward/pyward/analysis"
	"github.com/pyward/pyward/analysis/imports"
	"github.com/pyward/pyward/analysis/syntax"
)

func init() {
	analysis.Register(&analysis.Rule{
		Name:    "unresolved-import",
		Default: analysis.SeverityError,
		RunTime: true,
		Summary: "An import of a module that does not exist: CPython raises ModuleNotFoundError.",
		Check:   func(c *analysis.Context) { reportImportProblems(c, imports.ProblemNotFound) },
	})
}

// reportImportProblems reports the import errors of one kind that CPython would raise
// for the imports of c.File, with CPython's message. Left alone: imports guarded by a
// try statement that catches ImportError (the program expects them to fail); the
// fallback side of such a statement when its try body imports fine (it never runs);
// and stubs (.pyi), which are never run.
func reportImportProblems(c *analysis.Context, kind imports.ProblemKind) {
	if c.Index == nil || c.File.IsStub() {
		return
	}
	for _, imp := range c.Module.Imports {
		if c.Ctx != nil && c.Ctx.Err() != nil {
			return
		}
		if imp.Future || c.File.Notebook && imp.Dots > 0 || guardedImport(c.Module.Tree, imp.Node) ||
			unusedFallback(c, imp.Node) {
			continue
		}
		for _, p := range imports.Problems(c.Index, c.File, imp, kind) {
			c.Report(p.Span, p.Msg)
		}
	}
}

// importErrorNames are the exceptions whose handler catches a failing import.
var importErrorNames = map[string]bool{
	"ImportError": true, "ModuleNotFoundError": true, "Exception": true, "BaseException": true,
}

// guardedImport reports whether the import statement n lies in the body of a try
// statement with a handler for ImportError (or a base of it, or a bare except).
func guardedImport(t *syntax.Tree, n syntax.NodeID) bool {
	for child, p := n, t.Parent(n); p != syntax.NoNode; child, p = p, t.Parent(p) {
		switch t.Type(p) {
		case "function_definition", "class_definition", "lambda":
			return false
		case "try_statement":
			if t.Field(child) != "body" {
				continue
			}
			for c := t.FirstChild(p); c != syntax.NoNode; c = t.NextSibling(c) {
				if t.Type(c) == "except_clause" && catchesImportError(t, c) {
					return true
				}
			}
		}
	}
	return false
}

// catchesImportError reports whether an except clause catches ImportError.
func catchesImportError(t *syntax.Tree, clause syntax.NodeID) bool {
	kids := t.NamedChildren(clause)
	if len(kids) == 0 || t.Type(kids[0]) == "block" {
		return true // bare except
	}
	caught := false
	t.Walk(kids[0], func(n syntax.NodeID) bool {
		switch t.Type(n) {
		case "identifier":
			if importErrorNames[t.Text(n)] {
				caught = true
			}
		case "attribute":
			if a := t.ChildByField(n, "attribute"); a != syntax.NoNode && importErrorNames[t.Text(a)] {
				caught = true
			}
			return false
		}
		return !caught
	})
	return caught
}

// unusedFallback reports whether the import statement n is in the handler of a try
// statement that catches ImportError, whose body imports modules that all import
// without an error: the handler, the fallback, never runs.
func unusedFallback(c *analysis.Context, n syntax.NodeID) bool {
	t := c.Module.Tree
	for p := t.Parent(n); p != syntax.NoNode; p = t.Parent(p) {
		switch t.Type(p) {
		case "function_definition", "class_definition", "lambda":
			return false
		case "except_clause":
			try := t.Parent(p)
			if !catchesImportError(t, p) || t.Type(try) != "try_statement" {
				continue
			}
			body := t.ChildByField(try, "body")
			if body == syntax.NoNode {
				return false
			}
			bs, be := c.Module.Span(body).Start, c.Module.Span(body).End
			found := false
			for _, imp := range c.Module.Imports {
				if imp.Span.Start < bs || imp.Span.End > be {
					continue
				}
				found = true
				if len(imports.Problems(c.Index, c.File, imp)) > 0 {
					return false
				}
			}
			return found
		}
	}
	return false
}
