"""Module 1."""
import asyncio
from . import mod00
from .mod00 import Thing0, fetch0
from pkg002.sub00 import mod00 as other


class Thing1(Thing0):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch1():
    await asyncio.sleep(0)
    return Thing1()


def main():
    fetch0()
    return other, mod00
