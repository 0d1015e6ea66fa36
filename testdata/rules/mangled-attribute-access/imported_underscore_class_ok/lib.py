class __:
    def __init__(self):
        self.__x = 1


class Foo:
    def __init__(self):
        self.__x = 2
