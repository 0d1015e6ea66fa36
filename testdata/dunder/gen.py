#!/usr/bin/env python3
"""Collect the special (dunder) names that CPython itself knows.

Run by hand from the repository root:

    python3 testdata/dunder/gen.py > testdata/dunder/names.json

The output is committed; analysis/dunder's tests check that every name
listed here is in the catalogue (or in its documented exclusion list).
The names come from introspecting live objects of the running
interpreter (builtin types, a function, a method, a module, sys, an
exception, a generic class, the abstract methods of collections.abc,
typing's Supports* protocols and contextlib's context manager ABCs, the
operator module's dunder aliases), plus two hand-kept lists: LATER, names
added in Python versions newer than the generating interpreter, with the
version (the Go test checks the catalogue's Since against it), and
SOURCE_ONLY, names that exist only in source code or on objects this
script does not build (__slots__, __prepare__, pickle hooks, ...).

Each name maps to where it was found. Regenerating with another 3.x
interpreter may add names; the Go test then says which are missing.
"""

import abc
import collections.abc
import contextlib
import functools
import json
import operator
import sys
import types
import typing


def dunders(obj):
    return {n for n in dir(obj) if n.startswith("__") and n.endswith("__") and len(n) > 4}


def sample_function(a, b=1, *, c=2):
    """doc"""
    return a + b + c


class Sample:
    x: int = 0

    def method(self):
        return self


async def sample_coroutine():
    return None


def sample_generator():
    yield 1


async def sample_async_generator():
    yield 1


sources = {
    "object": object,
    "type": type,
    "int": int,
    "bool": bool,
    "float": float,
    "complex": complex,
    "list": list,
    "tuple": tuple,
    "dict": dict,
    "set": set,
    "frozenset": frozenset,
    "str": str,
    "bytes": bytes,
    "bytearray": bytearray,
    "memoryview": memoryview,
    "range": range,
    "slice": slice,
    "property": property,
    "staticmethod": staticmethod,
    "classmethod": classmethod,
    "function": sample_function,
    "types.FunctionType": types.FunctionType,
    "bound method": Sample().method,
    "builtin function": len,
    "class": Sample,
    "module": types.ModuleType("m"),
    "module sys": sys,
    "abc.ABCMeta": abc.ABCMeta,
    "functools.partial": functools.partial(sample_function, 1),
    "functools.wraps result": functools.wraps(sample_function)(lambda: None),
    "coroutine": None,  # filled below
    "generator": sample_generator(),
    "async generator": sample_async_generator(),
    "contextlib.AbstractContextManager": contextlib.AbstractContextManager,
    "contextlib.AbstractAsyncContextManager": contextlib.AbstractAsyncContextManager,
    "typing.Generic subclass": typing.List[int],
}

class GenericSample(typing.Generic[typing.TypeVar("T")]):
    pass


def sample_exception():
    try:
        try:
            raise KeyError("inner")
        except KeyError as inner:
            raise ValueError("outer") from inner
    except ValueError as exc:
        exc.add_note("note")
        return exc


sources["method descriptor"] = str.upper
sources["slot wrapper"] = int.__add__
sources["generic class"] = GenericSample
sources["exception instance"] = sample_exception()
sources["ABC with abstract method"] = collections.abc.Sized

coro = sample_coroutine()
sources["coroutine"] = coro

found = {}


def add(name, where):
    found.setdefault(name, set()).add(where)


for where, obj in sources.items():
    for n in dunders(obj):
        add(n, where)
# Attributes that dir() does not list but the objects have.
for where, obj in sources.items():
    for n in ("__orig_bases__", "__notes__", "__objclass__", "__wrapped__",
              "__abstractmethods__", "__mro__", "__bases__", "__name__",
              "__qualname__", "__func__", "__self__", "__cause__",
              "__context__", "__suppress_context__", "__traceback__"):
        try:
            if n in vars(type(obj)) or n in getattr(obj, "__dict__", {}) or hasattr(obj, n):
                add(n, where)
        except TypeError:
            pass
coro.close()

# Abstract methods of every ABC in collections.abc.
for n in dir(collections.abc):
    obj = getattr(collections.abc, n)
    if isinstance(obj, type) and hasattr(obj, "__abstractmethods__"):
        for m in obj.__abstractmethods__:
            if m.startswith("__") and m.endswith("__"):
                add(m, "collections.abc." + n)

# The operator module's dunder aliases (operator.__add__ ...) name hooks.
for n in dunders(operator):
    if callable(getattr(operator, n)) and n not in dunders(types.ModuleType("m")):
        add(n, "operator")

# Abstract methods of typing's Supports* protocols and of contextlib's
# context manager ABCs.
for owner, names in ((typing, ["SupportsAbs", "SupportsBytes", "SupportsComplex",
                               "SupportsFloat", "SupportsIndex", "SupportsInt",
                               "SupportsRound"]),
                     (contextlib, ["AbstractContextManager",
                                   "AbstractAsyncContextManager"])):
    for n in names:
        for m in getattr(owner, n).__abstractmethods__:
            add(m, owner.__name__ + "." + n)

# Hand-kept: names added in Python versions newer than the generating
# interpreter (3.11), or which only appear in source code, never on a
# live object we can cheaply build.
LATER = {
    "__buffer__": "3.12 (PEP 688)",
    "__release_buffer__": "3.12 (PEP 688)",
    "__type_params__": "3.12 (PEP 695)",
    "__static_attributes__": "3.13",
    "__firstlineno__": "3.13",
    "__replace__": "3.13 (copy.replace)",
    "__annotate__": "3.14 (PEP 649, PEP 749)",
}
SOURCE_ONLY = {
    "__slots__": "class body",
    "__match_args__": "class body",
    "__prepare__": "metaclass",
    "__set_name__": "descriptor",
    "__get__": "descriptor",
    "__set__": "descriptor",
    "__delete__": "descriptor",
    "__mro_entries__": "class base",
    "__class_getitem__": "class body",
    "__missing__": "dict subclass",
    "__length_hint__": "iterator",
    "__all__": "module",
    "__path__": "package",
    "__file__": "module",
    "__cached__": "module",
    "__builtins__": "module globals",
    "__debug__": "builtin constant",
    "__wrapped__": "functools.wraps",
    "__fspath__": "os.PathLike",
    "__copy__": "copy",
    "__deepcopy__": "copy",
    "__getnewargs__": "pickle",
    "__getnewargs_ex__": "pickle",
    "__setstate__": "pickle",
}
for n, why in LATER.items():
    add(n, "later: " + why)
for n, why in SOURCE_ONLY.items():
    add(n, "source: " + why)

out = {
    "generator": "testdata/dunder/gen.py",
    "python": "%d.%d.%d" % sys.version_info[:3],
    "names": {n: sorted(w) for n, w in sorted(found.items())},
}
json.dump(out, sys.stdout, indent=1, sort_keys=False)
sys.stdout.write("\n")
