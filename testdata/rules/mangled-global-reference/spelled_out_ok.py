__helper = 1
_C__helper = 2


class C:
    v = __helper


print(C.v)
