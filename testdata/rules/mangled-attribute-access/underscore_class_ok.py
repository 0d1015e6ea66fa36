# A class named only of underscores mangles nothing: __x is stored as written.
class ___:
    def __init__(self):
        self.__x = 1


print(___().__x)
