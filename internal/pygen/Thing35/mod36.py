"""Module 36."""
import asyncio
from . import mod35
from .mod35 import Thing35, fetch35
from pkg002.sub00 import mod00 as other


class Thing36(Thing35):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch36():
    await asyncio.sleep(0)
    return Thing36()


def main():
    fetch35()
    return other, mod35
