# A subscripted base (Base[int]) is the class Base.
from typing import Generic, TypeVar

T = TypeVar("T")


class Base(Generic[T]):
    def __init__(self):
        self.__v = 1


class Sub(Base[int]):
    def get(self):
        return self.__v  # expect: mangled-name-mismatch


Sub().get()
