# A class whose base answers any attribute (an inherited __getattr__) does not raise
# AttributeError for a name only its own base spells differently.
class Answering:
    def __getattr__(self, name):
        return name


class Base(Answering):
    def __init__(self):
        self.__x = 1


class Sub(Base):
    def get(self):
        return self.__x


print(Sub().get())
