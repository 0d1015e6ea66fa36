class Foo:
    def __init__(self):
        self._x = 1


print(Foo()._x)  # noqa: SLF001
print(Foo()._x)  # pyward: ignore[private-member-access]
print(Foo()._x)  # noqa
