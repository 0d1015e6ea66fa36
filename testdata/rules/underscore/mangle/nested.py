# A nested class mangles with its own name; functions, lambdas and comprehensions
# nested in a class mangle with the class's name.
class Outer:
    __o = 1

    class __Inner:
        __i = 2

        def f(self):
            return self.__i

    class _Mid(__o.__class__):
        __m = 3

    def g(self):
        def inner(__arg):
            return [__v for __v in __arg] + list(map(lambda __w: __w.__d, __arg))

        class __Local:
            __loc = 4
        return inner, __Local
