# A class named only of underscores mangles nothing.
class ___:
    __x = 1

    def f(self):
        return self.__x


class _:
    __y = 2
