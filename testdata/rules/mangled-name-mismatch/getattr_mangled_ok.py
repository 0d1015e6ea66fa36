# The mangled spelling used as an attribute name in getattr makes the read fine.
class Base:
    def __init__(self):
        self.__x = 1


class Sub(Base):
    def __init__(self):
        super().__init__()
        setattr(self, "_Sub__x", 2)

    def x(self):
        return self.__x


Sub().x()
