"""Module 12."""
import asyncio
from . import mod11
from .mod11 import Thing11, fetch11
from pkg002.sub00 import mod00 as other


class Thing12(Thing11):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch12():
    await asyncio.sleep(0)
    return Thing12()


def main():
    fetch11()
    return other, mod11
