class Base:
    def __init__(self):
        self.__n = 1


class Sub(Base):
    def get(self):
        return (lambda: self._Base__n)()  # expect: mangled-name-mismatch


Sub().get()
