# obj.__x on a receiver of unknown class: a class of the file named only of underscores
# holds __x as written, so the access may well work; Foo's _Foo__x is no evidence.
class ___:
    __x = 1


class Foo:
    def __init__(self):
        self.__x = 2


def show(obj):
    return obj.__x


print(show(___()), Foo())
