"""Module 15."""
import asyncio
from . import mod14
from .mod14 import Thing14, fetch14
from pkg002.sub00 import mod00 as other


class Thing15(Thing14):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch15():
    await asyncio.sleep(0)
    return Thing15()


def main():
    fetch14()
    return other, mod14
