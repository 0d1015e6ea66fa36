class Base:
    def __init__(self):
        self.__token = "t"


class Sub(Base):
    pass


print(Sub().__token)  # expect: mangled-attribute-access
