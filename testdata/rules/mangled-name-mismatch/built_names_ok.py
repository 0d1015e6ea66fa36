# Names built from the mangling prefix, or given as keyword arguments, reach the
# mangled spelling: the reads below work.
class Base:
    def __init__(self):
        self.__x = 1
        self.__y = 2


class Sub(Base):
    def __init__(self):
        super().__init__()
        setattr(self, "_Sub__{}".format("x"), 3)
        vars(self).update(_Sub__y=4)

    def both(self):
        return self.__x + self.__y


assert Sub().both() == 7
