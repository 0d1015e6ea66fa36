# A __x stored as written outside any class (b.__x = 2) means obj.__x on an object of
# unknown class may well read it, though Foo holds its own __x as _Foo__x.
class Foo:
    def __init__(self):
        self.__x = 1


class Box:
    pass


def show(obj):
    return obj.__x


b = Box()
b.__x = 2
print(show(b), Foo())
