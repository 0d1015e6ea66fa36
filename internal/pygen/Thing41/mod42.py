"""Module 42."""
import asyncio
from . import mod41
from .mod41 import Thing41, fetch41
from pkg002.sub00 import mod00 as other


class Thing42(Thing41):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch42():
    await asyncio.sleep(0)
    return Thing42()


def main():
    fetch41()
    return other, mod41
