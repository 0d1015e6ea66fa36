class Base:
    def __init__(self):
        self.__token = "t"


class Sub(Base):
    pass


print(Sub()._Base__token)  # expect: mangled-attribute-access
