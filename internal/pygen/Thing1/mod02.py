"""Module 2."""
import asyncio
from . import mod01
from .mod01 import Thing1, fetch1
from pkg002.sub00 import mod00 as other


class Thing2(Thing1):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch2():
    await asyncio.sleep(0)
    return Thing2()


def main():
    fetch1()
    return other, mod01
