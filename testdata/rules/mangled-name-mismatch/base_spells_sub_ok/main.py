# self.__x in Sub reads _Sub__x; Mid holds __x as _Mid__x, but the farther base Base
# stores _Sub__x itself (spelled out, in another module), so the read works.
from lib import Base


class Mid(Base):
    def __init__(self):
        super().__init__()
        self.__x = 2


class Sub(Mid):
    def get(self):
        return self.__x


print(Sub().get())
