"""Module 35."""
import asyncio
from . import mod34
from .mod34 import Thing34, fetch34
from pkg002.sub00 import mod00 as other


class Thing35(Thing34):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch35():
    await asyncio.sleep(0)
    return Thing35()


def main():
    fetch34()
    return other, mod34
