# Foo is defined twice (one per Python version); both hold __x as _Foo__x, so there is
# one spelling to offer, and it is the fix.
import sys

if sys.version_info >= (3, 8):
    class Foo:
        def __init__(self):
            self.__x = 1
else:
    class Foo:
        def __init__(self):
            self.__x = 2


def show(obj):
    return obj.__x  # expect: mangled-attribute-access


print(show(Foo()))
