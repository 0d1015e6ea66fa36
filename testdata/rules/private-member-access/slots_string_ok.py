# A one-string __slots__ declares its one slot: reading it from another instance
# inside the class is access from inside the class.
class Node:
    __slots__ = "_value"

    def __init__(self, value):
        object.__setattr__(self, "_value", value)

    def same(self, other):
        return self._value == other._value


print(Node(1).same(Node(1)))
