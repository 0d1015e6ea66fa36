"""Module 48."""
import asyncio
from . import mod47
from .mod47 import Thing47, fetch47
from pkg002.sub00 import mod00 as other


class Thing48(Thing47):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch48():
    await asyncio.sleep(0)
    return Thing48()


def main():
    fetch47()
    return other, mod47
