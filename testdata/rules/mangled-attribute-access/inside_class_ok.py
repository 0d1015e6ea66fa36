# Inside the class the access is mangled: it works, whatever the receiver is called.
class Foo:
    def __init__(self):
        self.__x = 1

    def same(self, other):
        return self.__x == other.__x

    @staticmethod
    def peek(obj):
        return obj.__x


print(Foo().same(Foo()), Foo.peek(Foo()))
