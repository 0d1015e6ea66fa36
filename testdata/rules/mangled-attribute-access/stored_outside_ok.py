# An attribute stored outside any class is not mangled, so reading it works.
class Foo:
    __x = 1


class Box:
    pass


b = Box()
b.__x = 2
print(b.__x)
