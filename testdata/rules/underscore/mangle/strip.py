# Leading underscores of the class name are stripped; names ending in __ are not mangled.
class _Foo:
    __x = 1
    __y__ = 2
    ___ = 3
    __ = 4

    def f(self):
        return self.__x, self.__y__, self.___, self.__


class ___Bar:
    __z = 1
