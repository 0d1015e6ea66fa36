class Foo:
    def __init__(self):
        self._x = 1


class Bar:
    def peek(self, foo):
        return foo._x  # expect: private-member-access


print(Bar().peek(Foo()))
