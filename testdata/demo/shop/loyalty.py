from .models import *

__discount = 0.05


class Member(Order):
    def points(self) -> float:
        return self.__total * __discount


def bonus() -> str:
    return _helper("gold")
