package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A mutant is one small behaviour change to one source file: the bytes
// [Start, End) of File replaced by Repl.
type mutant struct {
	ID    int    // position in the package's full, deterministic list
	File  string // path of the source file
	Line  int    // line of the change
	Start int    // byte offsets of the replaced text
	End   int
	Repl  string
	Kind  string // boundary, negation, logical, arithmetic, remove-statement, remove-return, remove-branch, delete-case
	Desc  string // what changes, e.g. "< -> <="
}

// operator swaps, by kind.
var swaps = map[token.Token]struct {
	to   token.Token
	kind string
}{
	token.LSS:  {token.LEQ, "boundary"},
	token.LEQ:  {token.LSS, "boundary"},
	token.GTR:  {token.GEQ, "boundary"},
	token.GEQ:  {token.GTR, "boundary"},
	token.EQL:  {token.NEQ, "negation"},
	token.NEQ:  {token.EQL, "negation"},
	token.LAND: {token.LOR, "logical"},
	token.LOR:  {token.LAND, "logical"},
	token.ADD:  {token.SUB, "arithmetic"},
	token.SUB:  {token.ADD, "arithmetic"},
	token.MUL:  {token.QUO, "arithmetic"},
	token.QUO:  {token.MUL, "arithmetic"},
	token.REM:  {token.MUL, "arithmetic"},
}

// skippedCalls are methods whose call statements are not removed: logging (no
// behaviour a test should pin) and locking (removing an Unlock deadlocks, which only
// costs a test timeout; races are the race detector's job).
var skippedCalls = map[string]bool{
	"Debug": true, "Info": true, "Warn": true, "Error": true, "Errorf": true, "Logf": true, "Printf": true, "Println": true,
	"Lock": true, "Unlock": true, "RLock": true, "RUnlock": true,
}

// packageMutants parses the non-test, non-generated Go files of dir and returns every
// mutant: files in name order, each in the order its syntax tree is walked (a block's
// removable statements when the block is reached, before what is inside them). The
// order fixes the ids, so a report's ids can be re-run with --ids.
func packageMutants(dir string) ([]mutant, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []mutant
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms, err := fileMutants(name, src)
		if err != nil {
			return nil, err
		}
		out = append(out, ms...)
	}
	for i := range out {
		out[i].ID = i
	}
	return out, nil
}

// fileMutants returns the mutants of one file (none for a generated file).
func fileMutants(name string, src []byte) ([]mutant, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	if ast.IsGenerated(f) {
		return nil, nil
	}
	var out []mutant
	add := func(from, to token.Pos, repl, kind, desc string) {
		out = append(out, mutant{File: name, Line: fset.Position(from).Line,
			Start: fset.Position(from).Offset, End: fset.Position(to).Offset, Repl: repl, Kind: kind, Desc: desc})
	}
	text := func(n ast.Node) string {
		return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GenDecl:
			// Constants and package-level variables: mutating a table or a size
			// is a data change, not a logic change.
			return n.Tok != token.CONST && n.Tok != token.VAR
		case *ast.BinaryExpr:
			s, ok := swaps[n.Op]
			if !ok || (n.Op == token.ADD && (isString(n.X) || isString(n.Y))) {
				return true
			}
			add(n.OpPos, n.OpPos+token.Pos(len(n.Op.String())), s.to.String(), s.kind, n.Op.String()+" -> "+s.to.String())
		case *ast.UnaryExpr:
			if n.Op == token.NOT {
				add(n.OpPos, n.OpPos+1, "", "negation", "drop ! in "+short(text(n)))
			}
		case *ast.BlockStmt:
			for _, st := range n.List {
				if kind, ok := removable(st); ok {
					add(st.Pos(), st.End(), "", kind, "remove "+short(text(st)))
				}
			}
		case *ast.CaseClause:
			if n.List != nil {
				add(n.Pos(), n.End(), "", "delete-case", "delete "+short(text(n)))
			}
			for _, st := range n.Body {
				if kind, ok := removable(st); ok {
					add(st.Pos(), st.End(), "", kind, "remove "+short(text(st)))
				}
			}
		}
		return true
	})
	// Case clauses are visited inside their switch's block: the block's removable
	// statements never include them, so no mutant is listed twice.
	return out, nil
}

// removable says whether statement st is removed as a mutant, and with which kind.
func removable(st ast.Stmt) (string, bool) {
	switch st := st.(type) {
	case *ast.ExprStmt:
		call, ok := st.X.(*ast.CallExpr)
		if !ok {
			return "", false
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && skippedCalls[sel.Sel.Name] {
			return "", false
		}
		if id, ok := call.Fun.(*ast.Ident); ok && (id.Name == "panic" || id.Name == "close") {
			return "", false
		}
		return "remove-statement", true
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE {
			return "", false // removing a declaration does not compile
		}
		return "remove-statement", true
	case *ast.IncDecStmt:
		return "remove-statement", true
	case *ast.ReturnStmt:
		return "remove-return", true
	case *ast.BranchStmt:
		if st.Tok == token.BREAK || st.Tok == token.CONTINUE {
			return "remove-branch", true
		}
	}
	return "", false
}

func isString(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Kind == token.STRING
}

// short is the first line of s, cut to 60 bytes.
func short(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " ..."
	}
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}
