"""Module 28."""
import asyncio
from . import mod27
from .mod27 import Thing27, fetch27
from pkg002.sub00 import mod00 as other


class Thing28(Thing27):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch28():
    await asyncio.sleep(0)
    return Thing28()


def main():
    fetch27()
    return other, mod27
