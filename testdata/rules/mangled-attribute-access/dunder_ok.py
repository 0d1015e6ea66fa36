class Foo:
    def __init__(self):
        self.__x = 1


print(Foo().__init__, Foo().__dict__)
