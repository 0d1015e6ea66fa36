"""Module 49."""
import asyncio
from . import mod48
from .mod48 import Thing48, fetch48
from pkg002.sub00 import mod00 as other


class Thing49(Thing48):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch49():
    await asyncio.sleep(0)
    return Thing49()


def main():
    fetch48()
    return other, mod48
