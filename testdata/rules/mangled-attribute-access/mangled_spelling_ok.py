# The mangled spelling works outside the class: at most a private-member-access warning.
class Foo:
    def __init__(self):
        self.__x = 1


print(Foo()._Foo__x)  # expect: private-member-access
