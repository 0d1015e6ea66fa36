# Reading an attribute by a computed name (getattr) does not give the class any: only
# setattr(Sub, name, ...) could.
class Base:
    def __init__(self):
        self.__size = 0


class Sub(Base):
    def size(self):
        return self.__size  # expect: mangled-name-mismatch


name = "mro"
print(getattr(Sub, name))
Sub().size()
