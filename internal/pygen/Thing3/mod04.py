"""Module 4."""
import asyncio
from . import mod03
from .mod03 import Thing3, fetch3
from pkg002.sub00 import mod00 as other


class Thing4(Thing3):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch4():
    await asyncio.sleep(0)
    return Thing4()


def main():
    fetch3()
    return other, mod03
