"""Module 6."""
import asyncio
from . import mod05
from .mod05 import Thing5, fetch5
from pkg002.sub00 import mod00 as other


class Thing6(Thing5):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch6():
    await asyncio.sleep(0)
    return Thing6()


def main():
    fetch5()
    return other, mod05
