# A class that answers any attribute (__getattr__) does not raise AttributeError.
class Base:
    def __init__(self):
        self.__x = 1


class Sub(Base):
    def __getattr__(self, name):
        return name

    def get(self):
        return self.__x


print(Sub().get())
