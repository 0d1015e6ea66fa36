"""Module 14."""
import asyncio
from . import mod13
from .mod13 import Thing13, fetch13
from pkg002.sub00 import mod00 as other


class Thing14(Thing13):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch14():
    await asyncio.sleep(0)
    return Thing14()


def main():
    fetch13()
    return other, mod13
