# `_` alone, annotations, keyword-argument names and names in __all__ are left alone.
from __future__ import annotations

__all__ = ["Foo", "_shared"]


class Foo:
    def __init__(self):
        self._ = 0
        self._shared = 1
        self._typ = int


def use(foo: Foo, kind: Foo._typ = None) -> Foo._typ:
    return dict(_private=foo._, other=foo._shared)


print(use(Foo()))
