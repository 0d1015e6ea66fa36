# Decorators, bases and defaults of a method are evaluated in the class body: mangled.
def __deco(f):
    return f


class Foo:
    __d = 1

    def m(self, a=__d, *, b=__d.__add__):
        return a

    __e = [__d for _ in range(3)]
