# class _Foo and class Foo mangle __x to the same _Foo__x.
class _Foo:
    def __init__(self):
        self.__x = 1


class Foo(_Foo):
    def get(self):
        return self.__x


print(Foo().get())
