"""Module 21."""
import asyncio
from . import mod20
from .mod20 import Thing20, fetch20
from pkg002.sub00 import mod00 as other


class Thing21(Thing20):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch21():
    await asyncio.sleep(0)
    return Thing21()


def main():
    fetch20()
    return other, mod20
