"""Module 45."""
import asyncio
from . import mod44
from .mod44 import Thing44, fetch44
from pkg002.sub00 import mod00 as other


class Thing45(Thing44):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch45():
    await asyncio.sleep(0)
    return Thing45()


def main():
    fetch44()
    return other, mod44
