class Base:
    def __init__(self):
        self.__x = 1

    def get(self):
        return self.__x


class Sub(Base):
    pass


print(Sub().get())
