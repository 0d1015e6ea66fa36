class Base:
    def __init__(self):
        self.__size = 0


class Sub(Base):
    def size(self):
        return self._Base__size  # expect: mangled-name-mismatch


Sub().size()
