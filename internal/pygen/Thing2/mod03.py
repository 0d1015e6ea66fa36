"""Module 3."""
import asyncio
from . import mod02
from .mod02 import Thing2, fetch2
from pkg002.sub00 import mod00 as other


class Thing3(Thing2):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch3():
    await asyncio.sleep(0)
    return Thing3()


def main():
    fetch2()
    return other, mod02
