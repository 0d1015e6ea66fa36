# other.__x in a method of Sub: other is not self, so nothing says it is a Sub or a
# Base; here it is an object that really holds _Sub__x.
import types


class Base:
    def __init__(self):
        self.__x = 1


class Sub(Base):
    def peek(self, other):
        return other.__x


print(Sub().peek(types.SimpleNamespace(**{chr(95) + "Sub" + chr(95) * 2 + "x": 2})))
