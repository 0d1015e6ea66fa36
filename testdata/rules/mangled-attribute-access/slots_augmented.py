# __slots__ extended with += declares its entries like the first assignment: the class
# holds the slot __b as _Foo__b, and reading f.__b outside the class raises.
class Foo:
    __slots__ = ("__a",)
    __slots__ += ("__b",)

    def __init__(self):
        self.__a = 1


f = Foo()
print(f.__b)  # expect: mangled-attribute-access
