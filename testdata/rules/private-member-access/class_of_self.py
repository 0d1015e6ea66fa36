class Counter:
    _registry = {}
    _count = 0

    def bump(self):
        # type(self) and self.__class__ are the class itself: its own members.
        type(self)._count += 1
        self.__class__._registry[id(self)] = self
        return type(self)._count, self.__class__._registry


class Other:
    def peek(self, counter):
        # The class of another object is still another class.
        return type(counter)._count, counter.__class__._registry  # expect: private-member-access


def outside(counter):
    return type(counter)._count  # expect: private-member-access
