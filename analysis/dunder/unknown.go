package dunder

// The note shown for a __name__ that is not in the catalogue.

// unknownHints explains dunders that are often mistaken for special
// methods: Python 2 names, operator-module function names, CPython
// implementation details and well-known names outside the data model.
var unknownHints = map[string]string{
	"__nonzero__":          "Python 3 never calls it: it is Python 2's name for `__bool__`, which Python 3 calls instead.",
	"__unicode__":          "Python 3 never calls it: it is a Python 2 hook; in Python 3 define `__str__`.",
	"__cmp__":              "Python 3 never calls it: it is a Python 2 hook; define the rich comparisons (`__eq__`, `__lt__`, ...), for example with `functools.total_ordering`.",
	"__rcmp__":             "Python 3 never calls it: it is a Python 2 hook; define the rich comparisons (`__eq__`, `__lt__`, ...).",
	"__div__":              "Python 3 never calls it: it is Python 2's division hook; Python 3 calls `__truediv__` for `/` and `__floordiv__` for `//`.",
	"__rdiv__":             "Python 3 never calls it: it is Python 2's reflected division hook; Python 3 calls `__rtruediv__` and `__rfloordiv__`.",
	"__idiv__":             "Python 3 never calls it: it is Python 2's in-place division hook; Python 3 calls `__itruediv__` and `__ifloordiv__`.",
	"__getslice__":         "Python 3 never calls it: it is a Python 2 hook; Python 3 passes a `slice` object to `__getitem__`.",
	"__setslice__":         "Python 3 never calls it: it is a Python 2 hook; Python 3 passes a `slice` object to `__setitem__`.",
	"__delslice__":         "Python 3 never calls it: it is a Python 2 hook; Python 3 passes a `slice` object to `__delitem__`.",
	"__coerce__":           "Python 3 never calls it: it is a Python 2 hook for mixed-type arithmetic, removed in Python 3; return `NotImplemented` from binary operators instead.",
	"__long__":             "Python 3 never calls it: it is a Python 2 hook; Python 3 has one integer type and calls `__int__`.",
	"__oct__":              "Python 3 never calls it: it is a Python 2 hook; Python 3's `oct()` calls `__index__`.",
	"__hex__":              "Python 3 never calls it: it is a Python 2 hook; Python 3's `hex()` calls `__index__`.",
	"__metaclass__":        "It was Python 2's way to set a metaclass and is ignored by Python 3: write `class C(metaclass=Meta):`.",
	"__not__":              "Python never calls it: it is the name of the `operator` module's `not_` function, not a hook: `not x` cannot be overloaded and uses `__bool__`.",
	"__inv__":              "Python never calls it: it is an alias in the `operator` module, not a hook: `~x` calls `__invert__`.",
	"__concat__":           "Python never calls it: it is the name of an `operator` module function, not a hook: `+` on sequences calls `__add__`.",
	"__iconcat__":          "Python never calls it: it is the name of an `operator` module function, not a hook: `+=` on sequences calls `__iadd__`.",
	"__main__":             "It is the name of the top-level module: `__name__ == \"__main__\"` in the script being run, and `__main__.py` is what `python -m package` executes.",
	"__future__":           "It is the module of future statements, as in `from __future__ import annotations`.",
	"__import__":           "It is the builtin function behind the `import` statement; call `importlib.import_module()` instead.",
	"__build_class__":      "It is the builtin function the `class` statement calls internally.",
	"__pycache__":          "It is the directory where Python caches compiled bytecode.",
	"__base__":             "It is a CPython implementation detail (the base that determines the instance layout); use `__bases__` or `__mro__`.",
	"__basicsize__":        "It is a CPython implementation detail of type objects.",
	"__itemsize__":         "It is a CPython implementation detail of type objects.",
	"__dictoffset__":       "It is a CPython implementation detail of type objects.",
	"__weakrefoffset__":    "It is a CPython implementation detail of type objects.",
	"__flags__":            "It is a CPython implementation detail of type objects.",
	"__text_signature__":   "It is a CPython implementation detail: the signature of a builtin, parsed by `inspect.signature()`.",
	"__members__":          "It is an attribute of `enum.Enum` classes: a mapping from member names (aliases included) to members.",
	"__dataclass_fields__": "It is set by `@dataclasses.dataclass`; read it through `dataclasses.fields()`.",
	"__array__":            "It is NumPy's conversion protocol (`numpy.asarray(x)`), not part of Python.",
	"__alloc__":            "It is a CPython implementation detail of `bytearray`: the size of the allocated buffer.",
	"__getformat__":        "It is a CPython implementation detail of `float`, kept for the test suite.",
	"__vectorcalloffset__": "It is a CPython implementation detail of type objects.",
	"__stdin__":            "It is `sys.__stdin__`: the original value of `sys.stdin` at startup, kept so it can be restored.",
	"__stdout__":           "It is `sys.__stdout__`: the original value of `sys.stdout` at startup, kept so it can be restored.",
	"__stderr__":           "It is `sys.__stderr__`: the original value of `sys.stderr` at startup, kept so it can be restored.",
	"__displayhook__":      "It is `sys.__displayhook__`: the original value of `sys.displayhook`, kept so it can be restored.",
	"__excepthook__":       "It is `sys.__excepthook__`: the original value of `sys.excepthook`, kept so it can be restored.",
	"__breakpointhook__":   "It is `sys.__breakpointhook__`: the original value of `sys.breakpointhook`, kept so it can be restored.",
	"__unraisablehook__":   "It is `sys.__unraisablehook__`: the original value of `sys.unraisablehook`, kept so it can be restored.",
	"__interactivehook__":  "It is `sys.__interactivehook__`: set by the `site` module, it configures the interactive prompt (history, completion).",
	"__version__":          "By convention it holds a module's version string (PEP 396, withdrawn); Python does not use it, `pydoc` shows it. For installed packages prefer `importlib.metadata.version()`.",
	"__author__":           "By convention it names a module's author; Python does not use it, `pydoc` shows it.",
	"__credits__":          "By convention it credits a module's contributors; Python does not use it, `pydoc` shows it.",
	"__date__":             "By convention it holds a module's date; Python does not use it, `pydoc` shows it.",
	"__license__":          "By convention it names a module's license; Python does not use it.",
	"__copyright__":        "By convention it holds a module's copyright notice; Python does not use it.",
	"__test__":             "`doctest` reads a module-level `__test__` dict of extra tests, and pytest skips classes and functions with `__test__ = False`; Python itself never reads it.",
	"__orig_class__":       "It is set by `typing` on instances created through a subscripted generic (`Box[int]()`), recording that alias.",
	"__final__":            "It is set to `True` by `@typing.final` (3.11+) so that the decorator is visible at runtime; nothing is enforced.",
	"__override__":         "It is set to `True` by `@typing.override` (3.12+) so that the decorator is visible at runtime; nothing is enforced.",
	"__deprecated__":       "It is set by `@warnings.deprecated` (3.13+) to the deprecation message.",
	"__required_keys__":    "It is an attribute of `TypedDict` classes: the `frozenset` of required keys.",
	"__optional_keys__":    "It is an attribute of `TypedDict` classes: the `frozenset` of optional keys.",
	"__total__":            "It is an attribute of `TypedDict` classes: the value of the `total` argument.",
	"__supertype__":        "It is an attribute of `typing.NewType` objects: the type the new type is based on.",
	"__value__":            "It is an attribute of type aliases created with the `type` statement (3.12+): the aliased value, evaluated lazily.",
	"__bound__":            "It is an attribute of `typing.TypeVar`: its upper bound, or `None`.",
	"__constraints__":      "It is an attribute of `typing.TypeVar`: its constraints, or `()`.",
	"__covariant__":        "It is an attribute of `typing.TypeVar`: whether it was declared covariant.",
	"__contravariant__":    "It is an attribute of `typing.TypeVar`: whether it was declared contravariant.",
	"__slotnames__":        "It is a cache that `copyreg` stores on classes with `__slots__`, listing the slot names for pickling.",
	"__getinitargs__":      "Python 3 never calls it: it was a Python 2 pickle hook for old-style classes; use `__getnewargs__` or `__reduce__`.",
	"__dataclass_params__": "It is set by `@dataclasses.dataclass` and records the decorator's arguments.",
}

// Unknown returns the short note for a name of dunder shape that is not in
// the catalogue: not a special name of the Python data model, never called
// implicitly by Python, possibly used by a library. For well-known names
// outside the data model (Python 2 hooks, operator-module aliases, CPython
// internals) the note says what they are instead.
func Unknown(name string) (markdown, plain string) {
	hint, ok := unknownHints[name]
	if !ok {
		hint = "Python never calls it implicitly; a library or framework may define and use it."
	}
	w := &writer{}
	p := &writer{plain: true}
	for _, x := range []*writer{w, p} {
		x.code(name)
		x.para("`" + name + "` is not a special name of the Python data model. " + hint)
	}
	return w.b.String(), p.b.String()
}
