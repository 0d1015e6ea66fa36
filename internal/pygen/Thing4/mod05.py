"""Module 5."""
import asyncio
from . import mod04
from .mod04 import Thing4, fetch4
from pkg002.sub00 import mod00 as other


class Thing5(Thing4):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch5():
    await asyncio.sleep(0)
    return Thing5()


def main():
    fetch4()
    return other, mod04
