"""Module 33."""
import asyncio
from . import mod32
from .mod32 import Thing32, fetch32
from pkg002.sub00 import mod00 as other


class Thing33(Thing32):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch33():
    await asyncio.sleep(0)
    return Thing33()


def main():
    fetch32()
    return other, mod32
