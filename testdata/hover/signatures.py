"""Classes whose call signature pyward's hover shows on `Name(...)`.

gen.py imports this file and records inspect.signature() of every class in
expected.json; analysis/hover/dunder_cpython_test.go checks that the hover shows the
same parameters (names, kinds, defaults) for every class where pyward claims
to know them.
"""

import dataclasses
import typing
from dataclasses import KW_ONLY, dataclass, field
from typing import ClassVar, NamedTuple


class Plain:
    def __init__(self, a, b=1, *args, c, d=2, **kw):
        """Plain's initialiser."""


class PositionalOnly:
    def __init__(self, a, /, b, *, c):
        pass


class SelfOnlyPositional:
    def __init__(self, /, a, b=0):
        pass


class Typed:
    def __init__(self, x: int, y: "list[str]" = ..., *rest: int, **opts: str) -> None:
        pass


class Inherits(Plain):
    pass


class Grandchild(Inherits):
    """Two levels down."""


class NewOnly:
    def __new__(cls, value, *, check=True):
        return super().__new__(cls)


class Empty:
    pass


class EmptyChild(Empty):
    x = 1


class MultiLine:
    def __init__(
        self,
        first_parameter_with_a_long_name: int,
        second_parameter_with_a_long_name: str = "x",
        *,
        third: bool = False,
    ):
        pass


@dataclass
class Point:
    x: int
    y: int = 0
    label: ClassVar[str] = "point"
    tags: list = field(default_factory=list)
    cache: dict = field(default=None, init=False)


@dataclasses.dataclass(eq=True)
class Point3(Point):
    z: float = 0.0
    y: int = 5


@dataclass
class WithKwOnly:
    a: int
    _: KW_ONLY
    b: int = 1
    c: str = "c"


@dataclass(kw_only=True)
class AllKwOnly:
    a: int
    b: int = 2


@dataclass
class FieldKwOnly:
    a: int = field(kw_only=True)
    b: int = 3


@dataclass
class KwOnlyChild(WithKwOnly):
    d: int = 4


@dataclass
class OwnInit:
    a: int

    def __init__(self, q, r=1):
        self.a = q


class Pair(NamedTuple):
    left: int
    right: str = "r"


class TypingPair(typing.NamedTuple):
    one: float
