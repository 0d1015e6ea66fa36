class Foo:
    def __init__(self):
        self.__x = 1


foo = Foo()
print(foo._Foo__x)  # expect: mangled-attribute-access
