"""Module 32."""
import asyncio
from . import mod31
from .mod31 import Thing31, fetch31
from pkg002.sub00 import mod00 as other


class Thing32(Thing31):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch32():
    await asyncio.sleep(0)
    return Thing32()


def main():
    fetch31()
    return other, mod31
