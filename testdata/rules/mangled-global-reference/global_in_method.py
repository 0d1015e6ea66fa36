# `global __counter` inside a method is mangled like every other name there: the
# method declares and updates the global _Counter__counter, which does not exist.
__counter = 0


class Counter:
    def bump(self):
        global __counter
        __counter += 1  # expect: mangled-global-reference `__counter`


Counter().bump()
