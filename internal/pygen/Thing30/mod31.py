"""Module 31."""
import asyncio
from . import mod30
from .mod30 import Thing30, fetch30
from pkg002.sub00 import mod00 as other


class Thing31(Thing30):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch31():
    await asyncio.sleep(0)
    return Thing31()


def main():
    fetch30()
    return other, mod30
