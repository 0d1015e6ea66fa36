# global and nonlocal names are mangled too.
class Foo:
    def f(self):
        global __gv
        __gv = 1

    def g(self):
        __n = 0

        def h():
            nonlocal __n
            __n += 1
        return h
