# A nested class reading outer.__secret: the name is mangled with the innermost class,
# Inner, so it reads _Inner__secret while Outer holds _Outer__secret.
class Outer:
    def __init__(self):
        self.__secret = 1

    class Inner:
        def peek(self, outer: "Outer"):
            return outer.__secret  # expect: mangled-name-mismatch `__secret`


Outer.Inner().peek(Outer())
