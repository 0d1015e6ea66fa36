# A class that answers any attribute (__getattr__) does not raise AttributeError.
class Proxy:
    __target = None

    def __getattr__(self, name):
        return name


print(Proxy().__target)
