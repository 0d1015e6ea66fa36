class Foo:
    def __init__(self):
        self.__secret = 1


def peek(obj):
    return obj._Foo__secret  # expect: mangled-attribute-access


peek(Foo())
