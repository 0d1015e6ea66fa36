# A class with its own __setattr__ decides where a store goes: this one files __x
# under the class's spelling, so f.__x = 2 outside the class reaches _Foo__x.
class Foo:
    def __init__(self):
        self.__x = 1

    def __setattr__(self, name, value):
        object.__setattr__(self, "_Foo__x" if name == "__x" else name, value)

    def x(self):
        return self.__x


f = Foo()
f.__x = 2
assert f.x() == 2
