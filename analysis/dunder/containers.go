package dunder

// Emulating containers and iterators.

const catContainer = "Containers"
const catIter = "Iteration"

var containerEntries = []Entry{
	{
		Name:      "__len__",
		Kind:      Method,
		Category:  catContainer,
		Signature: "def __len__(self) -> int",
		Summary:   "Returns the number of items in a container.",
		CalledBy: []string{
			"`len(x)`",
			"truth testing (`if x:`, `bool(x)`) when `__bool__` is not defined: the object is false when the length is 0",
			"`reversed(x)` together with `__getitem__` when `__reversed__` is not defined",
		},
		Returns: "An `int` >= 0. A negative length raises `ValueError`, a non-integer `TypeError`, and a length above `sys.maxsize` `OverflowError`.",
		Pitfalls: []string{
			"Defining it changes truthiness: an empty instance becomes false.",
			"`len()` cannot return more than `sys.maxsize`; very large virtual sequences (like huge `range`s) must offer another method.",
		},
		Since:  before3,
		DocURL: objPrefix + "__len__",
	},
	{
		Name:      "__length_hint__",
		Kind:      Method,
		Category:  catContainer,
		Signature: "def __length_hint__(self) -> int",
		Summary:   "Estimates how many items an iterator or lazy container will produce, so that consumers such as `list()` can preallocate (PEP 424).",
		CalledBy: []string{
			"`operator.length_hint(x)`, after `len(x)` failed",
			"`list(x)`, `list.extend(x)`, `bytearray(x)` and similar consumers",
		},
		Returns: "An `int` >= 0, or `NotImplemented` to say there is no estimate. The value is only an optimisation hint and may be wrong.",
		Pitfalls: []string{
			"Do not rely on it for correctness: callers must accept an iterator that yields more or fewer items.",
		},
		Since:  "3.4",
		DocURL: objPrefix + "__length_hint__",
	},
	{
		Name:      "__getitem__",
		Kind:      Method,
		Category:  catContainer,
		Signature: "def __getitem__(self, key: Any) -> Any",
		Summary:   "Implements subscription `x[key]`: indexing and slicing for sequences, key lookup for mappings.",
		CalledBy: []string{
			"`x[key]`; `x[a:b:c]` passes `slice(a, b, c)`; `x[a, b]` passes the tuple `(a, b)`",
			"iteration (`for`, `iter(x)`) when `__iter__` is not defined: `x[0]`, `x[1]`, ... until `IndexError`",
			"`in` when neither `__contains__` nor `__iter__` is defined",
			"`reversed(x)` with `__len__` when `__reversed__` is not defined",
		},
		Returns: "The item. Sequences raise `IndexError` for an index out of range and `TypeError` for an index of the wrong type; mappings raise `KeyError` for a missing key.",
		Pitfalls: []string{
			"A sequence must raise `IndexError` (not `KeyError` or return `None`) at the end, or `for` loops over it never terminate.",
			"Support negative indices and slices yourself, e.g. with `slice.indices(len(self))` or `operator.index(key)`.",
			"Python 2's `__getslice__` is never called: slices arrive here as `slice` objects.",
		},
		Since:  before3,
		DocURL: objPrefix + "__getitem__",
	},
	{
		Name:      "__setitem__",
		Kind:      Method,
		Category:  catContainer,
		Signature: "def __setitem__(self, key: Any, value: Any) -> None",
		Summary:   "Implements item assignment `x[key] = value`, including slice assignment.",
		CalledBy: []string{
			"`x[key] = value`, `x[a:b] = values`",
			"`x[key] += y`, after `__getitem__` and the in-place operator",
		},
		Returns: "`None` (ignored). Raise the same exceptions as `__getitem__` for bad keys.",
		Pitfalls: []string{
			"`dict` subclasses: `dict.update()`, `dict.setdefault()` and the `dict(...)` constructor do not call an overridden `__setitem__`; subclass `collections.UserDict` or `collections.abc.MutableMapping` instead.",
		},
		Since:  before3,
		DocURL: objPrefix + "__setitem__",
	},
	{
		Name:      "__delitem__",
		Kind:      Method,
		Category:  catContainer,
		Signature: "def __delitem__(self, key: Any) -> None",
		Summary:   "Implements item deletion `del x[key]`, including slice deletion.",
		CalledBy: []string{
			"`del x[key]`, `del x[a:b]`",
		},
		Returns: "`None`. Raise `KeyError` or `IndexError` for a missing key or index.",
		Pitfalls: []string{
			"`dict` subclasses: `dict.pop()`, `dict.popitem()` and `dict.clear()` do not call an overridden `__delitem__`.",
		},
		Since:  before3,
		DocURL: objPrefix + "__delitem__",
	},
	{
		Name:      "__missing__",
		Kind:      Method,
		Category:  catContainer,
		Signature: "def __missing__(self, key: Any) -> Any",
		Summary:   "In a `dict` subclass, supplies the value for a key that is not present; `collections.defaultdict` and `Counter` are built on it.",
		CalledBy: []string{
			"`dict.__getitem__` (`d[key]`) when `key` is missing",
		},
		Returns: "The value to return for `d[key]`; it is not stored unless the method stores it. Raise `KeyError` to keep the normal behaviour.",
		Pitfalls: []string{
			"Only `d[key]` calls it: `d.get(key)`, `key in d` and `d.setdefault()` do not.",
			"It only works in subclasses of `dict`, not in other mappings.",
		},
		Since:  before3,
		DocURL: objPrefix + "__missing__",
	},
	{
		Name:      "__contains__",
		Kind:      Method,
		Category:  catContainer,
		Signature: "def __contains__(self, item: Any) -> bool",
		Summary:   "Implements membership tests `item in x` and `item not in x`.",
		CalledBy: []string{
			"`item in x`, `item not in x` (with `x` on the right)",
		},
		Returns: "A truth value; the result of `in` is always converted to `bool`. Without it, Python iterates over `x` (with `__iter__`, else `__getitem__`) comparing each item with `is` then `==`.",
		Pitfalls: []string{
			"For mappings it should test keys, not values, to match `dict`.",
			"The operands are swapped compared to the expression: `self` is the container on the right of `in`.",
			"Iterating fallbacks consume one-shot iterators: `x in it` advances `it`.",
		},
		Since:  before3,
		DocURL: objPrefix + "__contains__",
	},
	{
		Name:      "__iter__",
		Kind:      Method,
		Category:  catIter,
		Signature: "def __iter__(self) -> Iterator[Any]",
		Summary:   "Returns an iterator over the object; on an iterator, returns the iterator itself.",
		CalledBy: []string{
			"`for` loops, `iter(x)`, unpacking (`a, b = x`, `*x`), comprehensions, `yield from x`",
			"`list(x)`, `tuple(x)`, `set(x)`, `dict.fromkeys(x)`, `sum(x)`, `sorted(x)`, `min`, `max`, `any`, `all` and every other consumer of iterables",
			"`in` when `__contains__` is not defined",
		},
		Returns: "An iterator: an object with `__next__` (and `__iter__`). Anything else raises `TypeError: iter() returned non-iterator`. Setting `__iter__ = None` marks the type as not iterable.",
		Pitfalls: []string{
			"A container should return a new iterator each time (often by writing `__iter__` as a generator); returning `self` from a container makes it iterable only once.",
			"An iterator's `__iter__` must return `self`, or it cannot be used in a `for` loop.",
		},
		Since:  before3,
		DocURL: objPrefix + "__iter__",
	},
	{
		Name:      "__next__",
		Kind:      Method,
		Category:  catIter,
		Signature: "def __next__(self) -> Any",
		Summary:   "Returns the next item of an iterator.",
		CalledBy: []string{
			"`next(it)`, `next(it, default)`",
			"each step of a `for` loop and of every iteration consumer",
		},
		Returns: "The next item; raise `StopIteration` when exhausted, and keep raising it on later calls.",
		Pitfalls: []string{
			"Python 2's `next()` method is not called in Python 3.",
			"An iterator that yields again after raising `StopIteration` is considered broken.",
			"Inside a generator, do not raise `StopIteration` to finish: since Python 3.7 it becomes `RuntimeError` (PEP 479); use `return`.",
		},
		Since:  "3.0",
		DocURL: libURL + "stdtypes.html#iterator.__next__",
	},
	{
		Name:      "__reversed__",
		Kind:      Method,
		Category:  catIter,
		Signature: "def __reversed__(self) -> Iterator[Any]",
		Summary:   "Returns an iterator over the items in reverse order.",
		CalledBy: []string{
			"`reversed(x)`",
		},
		Returns: "An iterator. Without `__reversed__`, `reversed()` uses `__len__` and `__getitem__` (the sequence protocol); setting `__reversed__ = None` blocks that fallback.",
		Pitfalls: []string{
			"Define it only when you can do better than the `__len__`/`__getitem__` fallback; for a mapping, the fallback would index by integers, so define it or set it to `None`.",
		},
		Since:  before3,
		DocURL: objPrefix + "__reversed__",
	},
}
