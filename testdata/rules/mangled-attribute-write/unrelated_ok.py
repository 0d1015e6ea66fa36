# A write of __x on an object whose class declares no __x is just an attribute named
# __x (stored_outside_ok in mangled-attribute-access reads it back); inside the class
# the write is mangled like the reads.
class Box:
    pass


class Foo:
    def __init__(self):
        self.__x = 1

    def set(self, other: "Foo"):
        other.__x = 2


b = Box()
b.__x = 1
Foo().set(Foo())
assert b.__x == 1
