# Code in a class nested in the declaring class stands inside it.
class Outer:
    def __init__(self):
        self._x = 1

    class Helper:
        def peek(self, outer):
            return outer._x


def peek(outer):
    return outer._x  # expect: private-member-access


print(Outer.Helper().peek(Outer()), peek(Outer()))
