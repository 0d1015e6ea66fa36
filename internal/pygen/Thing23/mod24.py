"""Module 24."""
import asyncio
from . import mod23
from .mod23 import Thing23, fetch23
from pkg002.sub00 import mod00 as other


class Thing24(Thing23):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch24():
    await asyncio.sleep(0)
    return Thing24()


def main():
    fetch23()
    return other, mod23
