# A comment that spells the mangled name must not hide the mismatch.
class Base:
    def __init__(self):
        self.__total = 1


class Member(Base):
    def total(self):
        return self.__total  # expect: mangled-name-mismatch `__total`   (read as _Member__total)


Member().total()
