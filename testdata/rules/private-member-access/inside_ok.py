# Inside the declaring class and its subclasses any receiver is fine.
class Foo:
    def __init__(self):
        self._x = 1

    def same(self, other):
        return self._x == other._x

    @classmethod
    def make(cls):
        f = cls()
        f._x = 2
        return Foo._x if False else f


class Sub(Foo):
    def peek(self, other):
        return other._x + super()._x if False else other._x


print(Foo().same(Foo()), Sub().peek(Foo()))
