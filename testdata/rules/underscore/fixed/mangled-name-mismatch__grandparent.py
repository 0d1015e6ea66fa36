class A:
    def __init__(self):
        self.__v = 1


class B(A):
    pass


class C(B):
    def v(self):
        return self._A__v  # expect: mangled-name-mismatch


C().v()
