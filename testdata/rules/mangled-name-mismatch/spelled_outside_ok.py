# The file gives Sub instances _Sub__x itself, spelled out outside the class, so
# self.__x in Sub (which reads _Sub__x) finds it.
class Base:
    def __init__(self):
        self.__x = 1


class Sub(Base):
    def get(self):
        return self.__x


s = Sub()
s._Sub__x = 2  # expect: private-member-access
print(s.get())
