class C:
    __x = 1
    y = __x

    def m(self, __p):
        return __p + self.__x


print(C().m(1), C.y)
