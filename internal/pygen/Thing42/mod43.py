"""Module 43."""
import asyncio
from . import mod42
from .mod42 import Thing42, fetch42
from pkg002.sub00 import mod00 as other


class Thing43(Thing42):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch43():
    await asyncio.sleep(0)
    return Thing43()


def main():
    fetch42()
    return other, mod42
