class Base:
    def __init__(self):
        self.__conn = "c"
