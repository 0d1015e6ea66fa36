# obj.__x = ... outside the class is not mangled: it creates a second attribute, __x,
# next to the _Foo__x the class reads, so the class never sees the new value.
class Foo:
    def __init__(self):
        self.__x = 1

    def x(self):
        return self.__x


f = Foo()
f.__x = 2  # expect: mangled-attribute-write `__x`
assert f.x() == 1 and vars(f) == {"_Foo__x": 1, "__x": 2}
