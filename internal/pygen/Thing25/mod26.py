"""Module 26."""
import asyncio
from . import mod25
from .mod25 import Thing25, fetch25
from pkg002.sub00 import mod00 as other


class Thing26(Thing25):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch26():
    await asyncio.sleep(0)
    return Thing26()


def main():
    fetch25()
    return other, mod25
