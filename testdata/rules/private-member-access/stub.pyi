class Foo:
    _x: int

def f(foo: Foo) -> int: ...
v = Foo()._x
