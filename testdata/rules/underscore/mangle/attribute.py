# Attribute names and bare names starting with __ are mangled in a class body and its methods.
__g = 1


class Foo:
    __x = 1
    y = __x

    def __m(self):
        self.__a = 1
        return self.__a + Foo.__x

    def n(self, other):
        del other.__b
        return __g
