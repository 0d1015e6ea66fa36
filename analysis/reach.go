package analysis

import (
	"strconv"
	"strings"

	"github.com/pyward/pyward/analysis/syntax"
)

// Interp is the interpreter the code is checked for: what `sys.version_info`,
// `sys.platform` and `os.name` are when it runs. The zero condValue knows none of them;
// then only TYPE_CHECKING and literal conditions decide what runs.
type Interp struct {
	Known               bool
	Major, Minor, Micro int
	Platform            string // sys.platform: "linux", "win32", "darwin", …
	OSName              string // os.name: "posix", "nt"
}

// Unreachable reports whether the code at node n never runs on target: it stands under
// an `if` whose condition is false there (`if TYPE_CHECKING:`, `if sys.version_info <
// (3, 8):` on 3.11, `if sys.platform == "win32":` on Linux; `else:`/`elif` branches of a
// condition that is true), or after an unconditional return, raise, continue or break in
// its block. A condition pyward cannot evaluate may be true: the code may run.
func Unreachable(t *syntax.Tree, n syntax.NodeID, target Interp) bool {
	if n == syntax.NoNode || int(n) >= len(t.Nodes) {
		return false
	}
	for child, p := n, t.Parent(n); p != syntax.NoNode; child, p = p, t.Parent(p) {
		switch t.Type(p) {
		case "block", "module":
			for s := t.FirstChild(p); s != syntax.NoNode && s != child; s = t.NextSibling(s) {
				switch t.Type(s) {
				case "return_statement", "raise_statement", "continue_statement", "break_statement":
					return true
				}
			}
		case "if_statement", "elif_clause":
			cond := t.ChildByField(p, "condition")
			if t.Field(child) == "consequence" {
				if evalCondition(t, cond, target) == isFalse {
					return true
				}
				continue
			}
			if t.Type(p) != "if_statement" {
				continue
			}
			// child is an elif or else clause: the if's condition and every earlier
			// elif's must be false for it to run.
			if evalCondition(t, cond, target) == isTrue {
				return true
			}
			for s := t.FirstChild(p); s != syntax.NoNode && s != child; s = t.NextSibling(s) {
				if t.Type(s) == "elif_clause" && evalCondition(t, t.ChildByField(s, "condition"), target) == isTrue {
					return true
				}
			}
		}
	}
	return false
}

type truth int8

const (
	unknown truth = iota
	isTrue
	isFalse
)

func truthOf(b bool) truth {
	if b {
		return isTrue
	}
	return isFalse
}

// condValue is what pyward knows of an expression: an int, a string, a tuple of ints, or
// a truth condValue.
type condValue struct {
	kind  byte // 'i' int, 's' string, 't' tuple of ints, 'l' list of strings, 'b' bool; 0 unknown
	i     int
	s     string
	tuple []int
	strs  []string
	b     bool
	// versionInfo marks the full sys.version_info, which is longer than any tuple
	// of ints it is compared with (it ends with the release level and serial).
	versionInfo bool
}

func evalCondition(t *syntax.Tree, n syntax.NodeID, target Interp) truth {
	if n == syntax.NoNode {
		return unknown
	}
	v := evalExpr(t, n, target)
	switch v.kind {
	case 'b':
		return truthOf(v.b)
	case 'i':
		return truthOf(v.i != 0)
	case 's':
		return truthOf(v.s != "")
	}
	return unknown
}

func evalExpr(t *syntax.Tree, n syntax.NodeID, target Interp) condValue {
	switch t.Type(n) {
	case "parenthesized_expression":
		kids := t.NamedChildren(n)
		if len(kids) == 1 {
			return evalExpr(t, kids[0], target)
		}
	case "true":
		return condValue{kind: 'b', b: true}
	case "false":
		return condValue{kind: 'b', b: false}
	case "integer":
		if i, err := strconv.Atoi(strings.ReplaceAll(t.Text(n), "_", "")); err == nil {
			return condValue{kind: 'i', i: i}
		}
	case "string":
		if s, ok := plainString(t.Text(n)); ok {
			return condValue{kind: 's', s: s}
		}
	case "identifier":
		if t.Text(n) == "TYPE_CHECKING" {
			return condValue{kind: 'b', b: false} // typing.TYPE_CHECKING is False when code runs
		}
	case "attribute":
		return evalAttribute(t, n, target)
	case "subscript":
		return evalSubscript(t, n, target)
	case "tuple", "list", "set":
		return evalSequence(t, n, target)
	case "not_operator":
		switch evalCondition(t, t.ChildByField(n, "argument"), target) {
		case isTrue:
			return condValue{kind: 'b', b: false}
		case isFalse:
			return condValue{kind: 'b', b: true}
		}
	case "boolean_operator":
		l := evalCondition(t, t.ChildByField(n, "left"), target)
		r := evalCondition(t, t.ChildByField(n, "right"), target)
		op := t.Text(t.ChildByField(n, "operator"))
		switch {
		case op == "and" && (l == isFalse || r == isFalse):
			return condValue{kind: 'b', b: false}
		case op == "and" && l == isTrue && r == isTrue:
			return condValue{kind: 'b', b: true}
		case op == "or" && (l == isTrue || r == isTrue):
			return condValue{kind: 'b', b: true}
		case op == "or" && l == isFalse && r == isFalse:
			return condValue{kind: 'b', b: false}
		}
	case "comparison_operator":
		return evalComparison(t, n, target)
	case "call":
		return evalCall(t, n, target)
	}
	return condValue{}
}

// evalAttribute knows sys.version_info (and .major, .minor), sys.platform, os.name, and
// <anything>.TYPE_CHECKING.
func evalAttribute(t *syntax.Tree, n syntax.NodeID, target Interp) condValue {
	attr := t.Text(t.ChildByField(n, "attribute"))
	obj := t.ChildByField(n, "object")
	if attr == "TYPE_CHECKING" {
		return condValue{kind: 'b', b: false}
	}
	if !target.Known {
		return condValue{}
	}
	switch objText := t.Text(obj); {
	case objText == "sys" && attr == "version_info":
		return condValue{kind: 't', tuple: []int{target.Major, target.Minor, target.Micro}, versionInfo: true}
	case objText == "sys" && attr == "platform" && target.Platform != "":
		return condValue{kind: 's', s: target.Platform}
	case objText == "os" && attr == "name" && target.OSName != "":
		return condValue{kind: 's', s: target.OSName}
	case objText == "sys.version_info" && attr == "major":
		return condValue{kind: 'i', i: target.Major}
	case objText == "sys.version_info" && attr == "minor":
		return condValue{kind: 'i', i: target.Minor}
	}
	return condValue{}
}

// evalSubscript knows sys.version_info[i] and sys.version_info[:k].
func evalSubscript(t *syntax.Tree, n syntax.NodeID, target Interp) condValue {
	v := evalExpr(t, t.ChildByField(n, "value"), target)
	if v.kind != 't' {
		return condValue{}
	}
	subs := t.ChildrenByField(n, "subscript")
	if len(subs) != 1 {
		return condValue{}
	}
	sub := subs[0]
	switch t.Type(sub) {
	case "integer":
		i, err := strconv.Atoi(t.Text(sub))
		if err == nil && i >= 0 && i < len(v.tuple) {
			return condValue{kind: 'i', i: v.tuple[i]}
		}
	case "slice":
		// Only [:k]: the text of the slice is ":k".
		text := strings.ReplaceAll(t.Text(sub), " ", "")
		if k, err := strconv.Atoi(strings.TrimPrefix(text, ":")); err == nil && strings.HasPrefix(text, ":") && k >= 0 && k <= len(v.tuple) {
			return condValue{kind: 't', tuple: v.tuple[:k]}
		}
	}
	return condValue{}
}

func evalSequence(t *syntax.Tree, n syntax.NodeID, target Interp) condValue {
	kids := t.NamedChildren(n)
	ints := make([]int, 0, len(kids))
	strs := make([]string, 0, len(kids))
	for _, k := range kids {
		switch v := evalExpr(t, k, target); v.kind {
		case 'i':
			ints = append(ints, v.i)
		case 's':
			strs = append(strs, v.s)
		default:
			return condValue{}
		}
	}
	if len(strs) == 0 {
		return condValue{kind: 't', tuple: ints}
	}
	if len(ints) == 0 {
		return condValue{kind: 'l', strs: strs}
	}
	return condValue{}
}

// evalCall knows sys.platform.startswith("…") (a string or a tuple of strings).
func evalCall(t *syntax.Tree, n syntax.NodeID, target Interp) condValue {
	fn := t.ChildByField(n, "function")
	if t.Type(fn) != "attribute" || t.Text(t.ChildByField(fn, "attribute")) != "startswith" {
		return condValue{}
	}
	recv := evalExpr(t, t.ChildByField(fn, "object"), target)
	args := t.NamedChildren(t.ChildByField(n, "arguments"))
	if recv.kind != 's' || len(args) != 1 {
		return condValue{}
	}
	arg := evalExpr(t, args[0], target)
	switch arg.kind {
	case 's':
		return condValue{kind: 'b', b: strings.HasPrefix(recv.s, arg.s)}
	case 'l':
		for _, p := range arg.strs {
			if strings.HasPrefix(recv.s, p) {
				return condValue{kind: 'b', b: true}
			}
		}
		return condValue{kind: 'b', b: false}
	}
	return condValue{}
}

// evalComparison evaluates a chain a op b op c … over ints, strings and tuples of ints.
func evalComparison(t *syntax.Tree, n syntax.NodeID, target Interp) condValue {
	var operands []syntax.NodeID
	var ops []string
	pendingNot := false
	for c := t.FirstChild(n); c != syntax.NoNode; c = t.NextSibling(c) {
		if t.IsNamed(c) {
			operands = append(operands, c)
			continue
		}
		op := t.Type(c)
		switch {
		case op == "not":
			pendingNot = true
			continue
		case op == "in" && pendingNot:
			op = "not in"
		case op == "is" && pendingNot:
			op = "is not"
		}
		pendingNot = false
		ops = append(ops, op)
	}
	if len(operands) != len(ops)+1 || len(ops) == 0 {
		return condValue{}
	}
	result := true
	for i, op := range ops {
		l := evalExpr(t, operands[i], target)
		r := evalExpr(t, operands[i+1], target)
		tr := compare(l, op, r)
		if tr == unknown {
			return condValue{}
		}
		result = result && tr == isTrue
	}
	return condValue{kind: 'b', b: result}
}

func compare(l condValue, op string, r condValue) truth {
	if op == "in" || op == "not in" {
		if l.kind != 's' || r.kind != 'l' {
			return unknown
		}
		found := false
		for _, s := range r.strs {
			found = found || s == l.s
		}
		return truthOf(found == (op == "in"))
	}
	var c int
	switch {
	case l.kind == 'i' && r.kind == 'i':
		c = cmpInt(l.i, r.i)
	case l.kind == 's' && r.kind == 's':
		if op != "==" && op != "!=" {
			return unknown
		}
		c = strings.Compare(l.s, r.s)
	case l.kind == 't' && r.kind == 't':
		if l.versionInfo && len(r.tuple) > 3 || r.versionInfo && len(l.tuple) > 3 {
			return unknown // the release level and serial are not known
		}
		c = cmpTuple(l, r)
	default:
		return unknown
	}
	switch op {
	case "<":
		return truthOf(c < 0)
	case "<=":
		return truthOf(c <= 0)
	case ">":
		return truthOf(c > 0)
	case ">=":
		return truthOf(c >= 0)
	case "==":
		return truthOf(c == 0)
	case "!=":
		return truthOf(c != 0)
	}
	return unknown
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpTuple compares tuples as Python does: element by element, then the shorter is
// smaller. sys.version_info is longer than its three known ints.
func cmpTuple(a, b condValue) int {
	for i := 0; i < len(a.tuple) && i < len(b.tuple); i++ {
		if c := cmpInt(a.tuple[i], b.tuple[i]); c != 0 {
			return c
		}
	}
	la, lb := len(a.tuple), len(b.tuple)
	if a.versionInfo {
		la = 5
	}
	if b.versionInfo {
		lb = 5
	}
	return cmpInt(la, lb)
}

// plainString decodes a string literal without prefix or escapes: 'x' or "x".
func plainString(lit string) (string, bool) {
	if len(lit) < 2 || strings.ContainsRune(lit, '\\') {
		return "", false
	}
	q := lit[0]
	if (q != '\'' && q != '"') || lit[len(lit)-1] != q {
		return "", false
	}
	body := lit[1 : len(lit)-1]
	if strings.HasPrefix(lit, `"""`) || strings.HasPrefix(lit, `'''`) {
		if len(lit) < 6 {
			return "", false
		}
		body = lit[3 : len(lit)-3]
	}
	return body, true
}
