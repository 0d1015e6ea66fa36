# obj.__x on a receiver of unknown class: the imported class named only of underscores
# holds __x as written, so the access may well work; Foo's _Foo__x is no evidence.
import lib


def show(obj):
    return obj.__x


print(show(lib.__()), lib.Foo())
