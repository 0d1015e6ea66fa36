"""Module 0."""
import asyncio
from . import mod49
from .mod49 import Thing49, fetch49
from pkg002.sub00 import mod00 as other


class Thing0(object):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch0():
    await asyncio.sleep(0)
    return Thing0()


def main():
    fetch49()
    return other, mod49
