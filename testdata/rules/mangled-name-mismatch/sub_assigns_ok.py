class Base:
    def __init__(self):
        self.__size = 0


class Sub(Base):
    def __init__(self):
        super().__init__()
        self.__size = 1

    def size(self):
        return self.__size


print(Sub().size())
