"""Module 39."""
import asyncio
from . import mod38
from .mod38 import Thing38, fetch38
from pkg002.sub00 import mod00 as other


class Thing39(Thing38):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch39():
    await asyncio.sleep(0)
    return Thing39()


def main():
    fetch38()
    return other, mod38
