# del obj.__x outside the class is not mangled: it deletes the attribute __x, which the
# instance does not have (it holds _Foo__x).
class Foo:
    def __init__(self):
        self.__x = 1


f = Foo()
del f.__x  # expect: mangled-attribute-access `__x`
