"""Module 7."""
import asyncio
from . import mod06
from .mod06 import Thing6, fetch6
from pkg002.sub00 import mod00 as other


class Thing7(Thing6):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch7():
    await asyncio.sleep(0)
    return Thing7()


def main():
    fetch6()
    return other, mod06
