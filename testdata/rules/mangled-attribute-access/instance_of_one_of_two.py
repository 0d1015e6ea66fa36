# Foo and Bar both hold a __x, but foo is surely a Foo: the one fix is Foo's spelling.
class Foo:
    def __init__(self):
        self.__x = 1


class Bar:
    def __init__(self):
        self.__x = 2


foo = Foo()
print(foo.__x, Bar())  # expect: mangled-attribute-access
