"""Module 22."""
import asyncio
from . import mod21
from .mod21 import Thing21, fetch21
from pkg002.sub00 import mod00 as other


class Thing22(Thing21):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch22():
    await asyncio.sleep(0)
    return Thing22()


def main():
    fetch21()
    return other, mod21
