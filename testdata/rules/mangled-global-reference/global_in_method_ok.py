# A method that declares `global __x` and assigns it binds the module-level _C__x,
# which another method of C then reads as __x (the module-level __x is another name).
__x = 0


class C:
    def set(self):
        global __x
        __x = 1

    def get(self):
        return __x


c = C()
c.set()
print(c.get())
