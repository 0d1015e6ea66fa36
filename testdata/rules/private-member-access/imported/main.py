import lib
from lib import Base


class Sub(Base):
    def copy_from(self, other):
        other._reset()
        self._state = other._state


class Sub2(lib.Base):
    def peek(self, other):
        return other._state


class Meta(type):
    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, ns)
        cls._registry = []
        return cls


print(Sub().copy_from(Sub()), Sub2().peek(Base()))
print(Base()._state)  # expect: private-member-access
