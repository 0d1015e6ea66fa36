"""Module 23."""
import asyncio
from . import mod22
from .mod22 import Thing22, fetch22
from pkg002.sub00 import mod00 as other


class Thing23(Thing22):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch23():
    await asyncio.sleep(0)
    return Thing23()


def main():
    fetch22()
    return other, mod22
