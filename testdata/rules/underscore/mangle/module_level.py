# Outside any class nothing is mangled.
__x = 1


def f(obj, __p):
    return obj.__x + __x + __p


g = lambda __y: __y.__z
