"""Module 30."""
import asyncio
from . import mod29
from .mod29 import Thing29, fetch29
from pkg002.sub00 import mod00 as other


class Thing30(Thing29):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch30():
    await asyncio.sleep(0)
    return Thing30()


def main():
    fetch29()
    return other, mod29
