"""Module 44."""
import asyncio
from . import mod43
from .mod43 import Thing43, fetch43
from pkg002.sub00 import mod00 as other


class Thing44(Thing43):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch44():
    await asyncio.sleep(0)
    return Thing44()


def main():
    fetch43()
    return other, mod43
