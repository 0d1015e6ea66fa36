class Outer:
    class Inner:
        def __init__(self):
            self.__v = 1


class Sub(Outer.Inner):
    def v(self):
        return self.__v  # expect: mangled-name-mismatch


Sub().v()
