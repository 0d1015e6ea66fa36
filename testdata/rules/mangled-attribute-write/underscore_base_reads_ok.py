# Sub holds its own __x as _Sub__x, but its base, a class named only of underscores,
# holds and reads __x as written: s.__x = 5 outside the classes is what the base reads.
class __:
    def __init__(self):
        self.__x = 1

    def x(self):
        return self.__x


class Sub(__):
    def __init__(self):
        super().__init__()
        self.__x = 2


s = Sub()
s.__x = 5
assert s.x() == 5 and s._Sub__x == 2
