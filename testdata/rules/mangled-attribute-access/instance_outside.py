class Foo:
    def __init__(self):
        self.__x = 1


foo = Foo()
print(foo.__x)  # expect: mangled-attribute-access
