# The receiver's class is known from an annotation: the write outside the class still
# creates a separate attribute.
class Conn:
    def __init__(self):
        self.__retries = 3

    def retries(self):
        return self.__retries


def reset(c: Conn):
    c.__retries = 0  # expect: mangled-attribute-write `__retries`


c = Conn()
reset(c)
assert c.retries() == 3
