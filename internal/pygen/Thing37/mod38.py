"""Module 38."""
import asyncio
from . import mod37
from .mod37 import Thing37, fetch37
from pkg002.sub00 import mod00 as other


class Thing38(Thing37):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch38():
    await asyncio.sleep(0)
    return Thing38()


def main():
    fetch37()
    return other, mod37
