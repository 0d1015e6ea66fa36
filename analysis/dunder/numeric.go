package dunder

import "strings"

// Emulating numeric types: binary operators in their normal, reflected and
// in-place forms (generated from binaryOps), unary operators, conversions
// and rounding.

const (
	catBinary    = "Numeric: binary operators"
	catReflected = "Numeric: reflected binary operators"
	catInPlace   = "Numeric: in-place (augmented assignment) operators"
	catUnary     = "Numeric: unary operators"
	catConvert   = "Numeric: conversions"
	catRound     = "Numeric: rounding"
)

// binaryOp describes one binary operator; its three special methods
// __stem__, __rstem__ and __istem__ are generated from it.
type binaryOp struct {
	stem      string   // "add": the methods are __add__, __radd__, __iadd__
	symbol    string   // "+"; empty for divmod, which has no operator
	what      string   // what the operator computes
	calledBy  []string // extra callers of the normal form
	since     string   // version that added the operator
	pitfalls  []string // extra pitfalls of the normal form
	rpitfalls []string // extra pitfalls of the reflected form
	ipitfalls []string // extra pitfalls of the in-place form
	args      string   // extra parameters of the normal form (pow's modulo)
	returns   string   // what the normal form returns, when special
}

// binaryOps is every binary arithmetic and bitwise operator, in the order
// of the data model reference.
var binaryOps = []binaryOp{
	{
		stem: "add", symbol: "+", what: "addition; concatenation for sequences",
		since:     before3,
		rpitfalls: []string{"`sum(items)` starts from `0`, so the first step is `0 + item`, which reaches `item.__radd__(0)`: accept `0` there to make `sum()` work."},
		ipitfalls: []string{"With a tuple `t = ([],)`, `t[0] += [1]` extends the list in place and then raises `TypeError` when storing back into the tuple: the list is changed anyway."},
	},
	{stem: "sub", symbol: "-", what: "subtraction; difference for sets", since: before3},
	{
		stem: "mul", symbol: "*", what: "multiplication; repetition for sequences",
		since:     before3,
		rpitfalls: []string{"`3 * seq` asks `int.__mul__` first, which returns `NotImplemented` for a sequence, then `seq.__rmul__(3)`: sequences need both forms."},
	},
	{
		stem: "matmul", symbol: "@", what: "matrix multiplication (PEP 465)",
		since:    "3.5",
		pitfalls: []string{"No built-in type implements `@`: it exists for array libraries such as NumPy."},
	},
	{
		stem: "truediv", symbol: "/", what: "true division",
		since:    before3,
		pitfalls: []string{"Python 2's `__div__` is never called: Python 3 uses `__truediv__` for `/` and `__floordiv__` for `//`.", "Raise `ZeroDivisionError` for division by zero, as numbers do."},
	},
	{
		stem: "floordiv", symbol: "//", what: "floor division",
		since:    before3,
		pitfalls: []string{"Keep it consistent with `__mod__` and `__divmod__`: `x == (x // y) * y + x % y`."},
	},
	{
		stem: "mod", symbol: "%", what: "remainder (modulo); printf-style formatting for `str` and `bytes`",
		since:     before3,
		pitfalls:  []string{"Keep it consistent with `__floordiv__`: for numbers the result takes the sign of the divisor."},
		rpitfalls: []string{"In `\"%s\" % obj`, `str.__mod__` formats `obj` itself and never returns `NotImplemented`, so `obj.__rmod__` is reached only when `obj`'s type is a subclass of `str`."},
	},
	{
		stem: "divmod", what: "the pair `(x // y, x % y)`",
		since:    before3,
		returns:  "A pair `(quotient, remainder)`, or `NotImplemented` for unsupported operand types.",
		pitfalls: []string{"There is no `divmod` operator and no in-place form."},
	},
	{
		stem: "pow", symbol: "**", what: "exponentiation; `pow(x, y, modulo)` for modular exponentiation",
		calledBy: []string{"`pow(x, y)`, and `pow(x, y, modulo)` as `x.__pow__(y, modulo)`"},
		since:    before3,
		args:     ", modulo=None",
		pitfalls: []string{
			"Accept the optional third argument (`modulo=None`) if you want to support three-argument `pow()`; raise `TypeError` for it otherwise.",
			"`**` binds tighter than unary minus on its left: `-x ** 2` is `-(x ** 2)`.",
		},
		rpitfalls: []string{"Three-argument `pow(x, y, modulo)` never tries `__rpow__` before Python 3.14 (which passes `modulo` to it)."},
	},
	{stem: "lshift", symbol: "<<", what: "left shift", since: before3},
	{stem: "rshift", symbol: ">>", what: "right shift", since: before3},
	{
		stem: "and", symbol: "&", what: "bitwise and; intersection for sets",
		since:    before3,
		pitfalls: []string{"The keyword `and` cannot be overloaded: it uses truth testing (`__bool__`). `&` binds tighter than comparisons, so write `(a == 1) & (b == 2)`."},
	},
	{
		stem: "xor", symbol: "^", what: "bitwise exclusive or; symmetric difference for sets",
		since:    before3,
		pitfalls: []string{"`^` is not exponentiation; that is `**` (`__pow__`)."},
	},
	{
		stem: "or", symbol: "|", what: "bitwise or; union for sets, merge for dicts (3.9+), union types such as `int | None` for classes (3.10+)",
		since:    before3,
		pitfalls: []string{"The keyword `or` cannot be overloaded: it uses truth testing (`__bool__`). `|` binds tighter than comparisons, so write `(a == 1) | (b == 2)`."},
	},
}

// expr returns how the operator is written for operands x and y.
func (b binaryOp) expr(x, y string) string {
	if b.symbol == "" {
		return b.stem + "(" + x + ", " + y + ")"
	}
	return x + " " + b.symbol + " " + y
}

// shortWhat is what the operator computes for numbers, without the
// meanings for other types.
func (b binaryOp) shortWhat() string {
	w, _, _ := strings.Cut(b.what, ";")
	return w
}

func numericEntries() []Entry {
	var out []Entry
	for _, b := range binaryOps {
		out = append(out, b.normal(), b.reflected())
		if b.symbol != "" {
			out = append(out, b.inPlace())
		}
	}
	return append(out, unaryAndConversionEntries...)
}

func (b binaryOp) normal() Entry {
	name := "__" + b.stem + "__"
	rname := "__r" + b.stem + "__"
	called := []string{"`" + b.expr("x", "y") + "`, as `x." + name + "(y)`"}
	if b.symbol != "" {
		called = append(called, "`x "+b.symbol+"= y` when `x` has no `__i"+b.stem+"__` (or it returns `NotImplemented`)")
	}
	called = append(called, b.calledBy...)
	if b.symbol != "" {
		called = append(called, "`operator."+opFunc(b.stem)+"(x, y)`")
	}
	pitfalls := []string{"Raising `TypeError` for an unsupported operand, instead of returning `NotImplemented`, stops Python from asking the other operand."}
	if b.symbol != "" {
		pitfalls = append(pitfalls, "Return a new object; modifying `self` is the job of the in-place form, `__i"+b.stem+"__`.")
	}
	returns := b.returns
	if returns == "" {
		returns = "The result, usually a new object. Return `NotImplemented` (do not raise) when `other` has a type you do not support, so that Python tries `other." + rname + "(self)`; if that fails too, `TypeError` is raised."
	}
	return Entry{
		Name:      name,
		Kind:      Method,
		Category:  catBinary,
		Signature: "def " + name + "(self, other" + b.args + ")",
		Summary:   "Implements `" + b.expr("x", "y") + "`: " + b.what + ".",
		CalledBy:  called,
		Returns:   returns,
		Pitfalls:  append(pitfalls, b.pitfalls...),
		Since:     b.since,
		DocURL:    objPrefix + name,
	}
}

func (b binaryOp) reflected() Entry {
	name := "__" + b.stem + "__"
	rname := "__r" + b.stem + "__"
	return Entry{
		Name:      rname,
		Kind:      Method,
		Category:  catReflected,
		Signature: "def " + rname + "(self, other)",
		Summary:   "Reflected (swapped) `" + b.expr("x", "y") + "`, called on the right operand: `self` is `y` and `other` is `x`. Lets a type work with left operands that do not know it.",
		CalledBy: []string{
			"`" + b.expr("x", "y") + "`, as `y." + rname + "(x)`, when `x` has no `" + name + "` or it returned `NotImplemented`, and the operands' types differ",
			"first, before `x." + name + "(y)`, when `type(y)` is a subclass of `type(x)` that overrides `" + rname + "`",
		},
		Returns: "The result of `" + b.expr("other", "self") + "`, or `NotImplemented`, in which case `TypeError` is raised.",
		Pitfalls: append([]string{
			"`self` is the right operand: compute `" + b.expr("other", "self") + "`, not `" + b.expr("self", "other") + "`.",
			"It is never tried when both operands have the same type: `" + name + "` must handle that case.",
		}, b.rpitfalls...),
		Since:  b.since,
		DocURL: objPrefix + rname,
	}
}

func (b binaryOp) inPlace() Entry {
	name := "__" + b.stem + "__"
	iname := "__i" + b.stem + "__"
	return Entry{
		Name:      iname,
		Kind:      Method,
		Category:  catInPlace,
		Signature: "def " + iname + "(self, other)",
		Summary:   "Implements augmented assignment `x " + b.symbol + "= y` (in-place " + b.shortWhat() + ") by updating `x` and returning it.",
		CalledBy: []string{
			"`x " + b.symbol + "= y`, as `x = x." + iname + "(y)`; also on attributes and items (`obj.a " + b.symbol + "= y`, `seq[i] " + b.symbol + "= y`)",
			"`operator.i" + b.stem + "(x, y)`",
		},
		Returns: "The result, normally `self` after modifying it; it is assigned back to the target. Return `NotImplemented` to make Python fall back to `x = x " + b.symbol + " y` (`" + name + "`, then the reflected method).",
		Pitfalls: append([]string{
			"Forgetting `return self` binds the target to `None`.",
			"When it is not defined, `x " + b.symbol + "= y` still works through `x = x " + b.symbol + " y`, creating a new object; define it only for mutable types.",
			"In-place modification is visible through every other reference to the object.",
		}, b.ipitfalls...),
		Since:  b.since,
		DocURL: objPrefix + iname,
	}
}

// opFunc returns the name of the operator module's function for a stem
// (operator.and_, operator.or_; the in-place ones are iand, ior).
func opFunc(stem string) string {
	if stem == "and" || stem == "or" {
		return stem + "_"
	}
	return stem
}
