class Foo:
    def __init__(self):
        self._cache = {}


foo = Foo()
print(foo._cache)  # expect: private-member-access
