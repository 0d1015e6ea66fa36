class Foo:
    __x = 1


class Box:
    pass


b = Box()
setattr(b, "__x", 3)
print(b.__x)
