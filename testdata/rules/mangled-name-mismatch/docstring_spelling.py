"""A docstring that mentions _Sub__x, and a string "_Sub__x" unrelated to attributes,
must not hide the mismatch."""


class Base:
    def __init__(self):
        self.__x = 1


class Sub(Base):
    """Reads __x, which Python spells _Sub__x here."""

    label = "_Sub__x"

    def x(self):
        return self.__x  # expect: mangled-name-mismatch `__x`


Sub().x()
