class Foo:
    def __init__(self):
        self._x = 1


print(Foo()._x)
