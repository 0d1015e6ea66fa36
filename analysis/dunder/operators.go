package dunder

import (
	"sort"
	"strings"
)

// OpInfo names the special methods Python tries for one operator or
// statement, in order.
type OpInfo struct {
	// Op is the operator as written: "+", "not in", "+=", "[]", "()".
	Op string
	// Unary is true for the unary forms of "-", "+", "~" and for "not".
	Unary bool
	// Expr shows the operator in use, e.g. "x + y" or "-x".
	Expr string
	// Steps are the hooks Python tries, in order, each with the condition
	// under which it is tried.
	Steps []string
	// Note adds what the steps do not say.
	Note string
	// DocURL links to the language reference.
	DocURL string
}

const exprURL = refURL + "expressions.html#"

var (
	binaryOpTable = map[string]OpInfo{} // keyed by operator
	unaryOpTable  = map[string]OpInfo{}
)

func addOp(o OpInfo) {
	if o.Unary {
		unaryOpTable[o.Op] = o
	} else {
		binaryOpTable[o.Op] = o
	}
}

func init() {
	for _, b := range binaryOps {
		if b.symbol == "" {
			continue
		}
		addOp(binaryOpInfo(b))
		addOp(augmentedOpInfo(b))
	}
	for _, c := range []struct{ op, fwd, refl string }{
		{"<", "__lt__", "__gt__"},
		{"<=", "__le__", "__ge__"},
		{">", "__gt__", "__lt__"},
		{">=", "__ge__", "__le__"},
		{"==", "__eq__", "__eq__"},
		{"!=", "__ne__", "__ne__"},
	} {
		last := "`TypeError: '" + c.op + "' not supported between instances of ...` when both return `NotImplemented`"
		switch c.op {
		case "==":
			last = "identity, `x is y`, when both return `NotImplemented`"
		case "!=":
			last = "non-identity, `x is not y`, when both return `NotImplemented`"
		}
		note := "Comparisons chain: `a < b < c` means `a < b and b < c`, with `b` evaluated once. The result may be any object; `if` converts it with `bool()`."
		if c.op == "!=" {
			note = "The inherited `object.__ne__` returns the inverse of `__eq__`, so defining `__eq__` is enough. " + note
		}
		if c.op == "==" {
			note = "Defining `__eq__` without `__hash__` makes the class unhashable. " + note
		}
		addOp(OpInfo{
			Op:   c.op,
			Expr: "x " + c.op + " y",
			Steps: []string{
				"`x." + c.fwd + "(y)`",
				"`y." + c.refl + "(x)`, the reflected comparison, if the first is missing or returns `NotImplemented`; tried first when `type(y)` is a subclass of `type(x)`",
				last,
			},
			Note:   note,
			DocURL: exprURL + "value-comparisons",
		})
	}
	membership := []string{
		"`y.__contains__(x)`, the result converted to `bool`",
		"if `y` has no `__contains__`: iterate `y` (`y.__iter__()`) and compare each item with `is`, then `==`",
		"if `y` has no `__iter__` either: `y.__getitem__(0)`, `y.__getitem__(1)`, ... until `IndexError`",
		"`TypeError: argument of type ... is not iterable` otherwise",
	}
	addOp(OpInfo{Op: "in", Expr: "x in y", Steps: membership, Note: "The container is on the right: its special method is called with the left operand.", DocURL: exprURL + "membership-test-operations"})
	addOp(OpInfo{Op: "not in", Expr: "x not in y", Steps: membership, Note: "`x not in y` is the negation of `x in y`; there is no separate hook.", DocURL: exprURL + "membership-test-operations"})
	truth := []string{
		"`x.__bool__()`, which must return a `bool`",
		"`x.__len__()` if there is no `__bool__`: false when it is 0",
		"otherwise the object is true",
	}
	addOp(OpInfo{Op: "not", Unary: true, Expr: "not x", Steps: truth, Note: "`not` cannot be overloaded: it always returns a `bool`, the inverse of the truth value of `x`.", DocURL: exprURL + "boolean-operations"})
	addOp(OpInfo{Op: "and", Expr: "x and y", Steps: truth, Note: "`and` cannot be overloaded: it tests the truth of `x` and returns `x` itself if false, otherwise evaluates and returns `y`. Use `&` (`__and__`) for an overloadable operator.", DocURL: exprURL + "boolean-operations"})
	addOp(OpInfo{Op: "or", Expr: "x or y", Steps: truth, Note: "`or` cannot be overloaded: it tests the truth of `x` and returns `x` itself if true, otherwise evaluates and returns `y`. Use `|` (`__or__`) for an overloadable operator.", DocURL: exprURL + "boolean-operations"})
	identity := []string{"no special method: `is` compares object identity and cannot be overloaded"}
	addOp(OpInfo{Op: "is", Expr: "x is y", Steps: identity, Note: "Use `is` for singletons (`None`, `NotImplemented`, `Ellipsis`, sentinels) and `==` for values.", DocURL: exprURL + "identity-comparisons"})
	addOp(OpInfo{Op: "is not", Expr: "x is not y", Steps: identity, Note: "`x is not y` is the negation of `x is y`.", DocURL: exprURL + "identity-comparisons"})
	for _, u := range []struct{ op, hook string }{{"-", "__neg__"}, {"+", "__pos__"}, {"~", "__invert__"}} {
		addOp(OpInfo{
			Op: u.op, Unary: true, Expr: u.op + "x",
			Steps:  []string{"`x." + u.hook + "()`", "`TypeError: bad operand type for unary " + u.op + "` when it is missing"},
			Note:   "Unary operators have no reflected form and no fallback.",
			DocURL: exprURL + "unary-arithmetic-and-bitwise-operations",
		})
	}
	addOp(OpInfo{
		Op: "[]", Expr: "x[key]",
		Steps: []string{
			"`type(x).__getitem__(x, key)`; assignment `x[key] = v` calls `__setitem__`, `del x[key]` calls `__delitem__`",
			"in a `dict` subclass, `__missing__(key)` when the key is absent",
			"when `x` is a class: the metaclass's `__getitem__`, otherwise `x.__class_getitem__(key)` (as in `list[int]`)",
		},
		Note:   "A slice `x[a:b:c]` passes `slice(a, b, c)`; `x[a, b]` passes the tuple `(a, b)`. Built-in sequences convert integer-like keys with `__index__`.",
		DocURL: exprURL + "subscriptions",
	})
	addOp(OpInfo{
		Op: "()", Expr: "x(*args, **kwargs)",
		Steps: []string{
			"`type(x).__call__(x, *args, **kwargs)`",
			"when `x` is a class: `type.__call__` calls `x.__new__(x, *args, **kwargs)`, then `__init__(*args, **kwargs)` on the result if it is an instance of `x`",
		},
		Note:   "An instance attribute named `__call__` is ignored: the hook is looked up on the type.",
		DocURL: exprURL + "calls",
	})
	addOp(OpInfo{
		Op: ".", Expr: "x.name",
		Steps: []string{
			"`type(x).__getattribute__(x, \"name\")`: data descriptors on the class (`__get__`), then the instance `__dict__`, then other class attributes and non-data descriptors",
			"`type(x).__getattr__(x, \"name\")` if that raised `AttributeError`",
		},
		Note:   "Assignment `x.name = v` calls `__setattr__` (and a data descriptor's `__set__`); `del x.name` calls `__delattr__`.",
		DocURL: exprURL + "attribute-references",
	})
	addOp(OpInfo{
		Op: "with", Expr: "with m as v:",
		Steps: []string{
			"`type(m).__enter__(m)`; its result is bound to `v`",
			"`type(m).__exit__(m, exc_type, exc, tb)` when the block ends, also by `return`, `break` or an exception; a true result suppresses the exception",
		},
		Note:   "Both methods are looked up on the type before `__enter__` runs; a missing one raises `TypeError` (`AttributeError` before 3.11).",
		DocURL: refURL + "compound_stmts.html#the-with-statement",
	})
	addOp(OpInfo{
		Op: "async with", Expr: "async with m as v:",
		Steps: []string{
			"`await type(m).__aenter__(m)`; its result is bound to `v`",
			"`await type(m).__aexit__(m, exc_type, exc, tb)` when the block ends; a true result suppresses the exception",
		},
		Note:   "Only inside `async def`.",
		DocURL: refURL + "compound_stmts.html#the-async-with-statement",
	})
	addOp(OpInfo{
		Op: "for", Expr: "for v in y:",
		Steps: []string{
			"`iter(y)`: `y.__iter__()`, or else the sequence protocol `y.__getitem__(0)`, `y.__getitem__(1)`, ... until `IndexError`",
			"`it.__next__()` for each item, until it raises `StopIteration`",
		},
		Note:   "The `else` clause runs when the loop ends without `break`.",
		DocURL: refURL + "compound_stmts.html#the-for-statement",
	})
	addOp(OpInfo{
		Op: "async for", Expr: "async for v in y:",
		Steps: []string{
			"`y.__aiter__()`, called directly (not awaited)",
			"`await it.__anext__()` for each item, until it raises `StopAsyncIteration`",
		},
		Note:   "Only inside `async def`.",
		DocURL: refURL + "compound_stmts.html#the-async-for-statement",
	})
	addOp(OpInfo{
		Op: "await", Unary: true, Expr: "await x",
		Steps: []string{
			"`type(x).__await__(x)`, which must return an iterator; it is driven to the end, and its return value is the result of `await`",
		},
		Note:   "Coroutines from `async def` functions, `asyncio.Future` and `asyncio.Task` are awaitable. Only inside `async def`.",
		DocURL: exprURL + "await-expression",
	})
}

func binaryOpInfo(b binaryOp) OpInfo {
	name, rname := "__"+b.stem+"__", "__r"+b.stem+"__"
	url := exprURL + "binary-arithmetic-operations"
	switch b.stem {
	case "lshift", "rshift":
		url = exprURL + "shifting-operations"
	case "and", "or", "xor":
		url = exprURL + "binary-bitwise-operations"
	case "pow":
		url = exprURL + "the-power-operator"
	}
	note := "Computes " + b.what + "."
	return OpInfo{
		Op:   b.symbol,
		Expr: b.expr("x", "y"),
		Steps: []string{
			"`x." + name + "(y)`",
			"`y." + rname + "(x)` if the first is missing or returns `NotImplemented` and the operands' types differ; tried first when `type(y)` is a subclass of `type(x)` that overrides `" + rname + "`",
			"`TypeError: unsupported operand type(s) for " + b.symbol + "` when both return `NotImplemented`",
		},
		Note:   note,
		DocURL: url,
	}
}

func augmentedOpInfo(b binaryOp) OpInfo {
	name, rname, iname := "__"+b.stem+"__", "__r"+b.stem+"__", "__i"+b.stem+"__"
	return OpInfo{
		Op:   b.symbol + "=",
		Expr: "x " + b.symbol + "= y",
		Steps: []string{
			"`x." + iname + "(y)`",
			"`x." + name + "(y)` if `" + iname + "` is missing or returns `NotImplemented`",
			"`y." + rname + "(x)` if that is missing or returns `NotImplemented` too, with the same rules as `" + b.symbol + "`",
			"`TypeError: unsupported operand type(s) for " + b.symbol + "=` otherwise",
		},
		Note:   "Whichever method answers, its result is assigned back to the target: `x = x." + iname + "(y)`. For `obj.a " + b.symbol + "= y` and `s[i] " + b.symbol + "= y` the target is read and written with `__getattribute__`/`__setattr__` or `__getitem__`/`__setitem__`.",
		DocURL: refURL + "simple_stmts.html#augmented-assignment-statements",
	}
}

// Operator returns what Python does for an operator or operator-like
// statement. op is written as in source: "+", "//", "**", "@", "==", "in",
// "not in", "is", "is not", "not", "and", "or", "[]" (subscription), "()"
// (call), "." (attribute access), "+=" and every augmented assignment,
// "with", "async with", "for", "async for", "await". unary selects the
// unary form of "-", "+" and "~"; operators that exist in one form only are
// found whatever unary says.
func Operator(op string, unary bool) (OpInfo, bool) {
	op = strings.Join(strings.Fields(op), " ")
	first, second := binaryOpTable, unaryOpTable
	if unary {
		first, second = second, first
	}
	if o, ok := first[op]; ok {
		return o, true
	}
	o, ok := second[op]
	return o, ok
}

// Operators returns every operator Operator knows, unary forms included,
// sorted by operator, binary form first.
func Operators() []OpInfo {
	var out []OpInfo
	for _, o := range binaryOpTable {
		out = append(out, o)
	}
	for _, o := range unaryOpTable {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Op != out[j].Op {
			return out[i].Op < out[j].Op
		}
		return !out[i].Unary && out[j].Unary
	})
	return out
}
