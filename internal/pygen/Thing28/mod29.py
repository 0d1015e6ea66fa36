"""Module 29."""
import asyncio
from . import mod28
from .mod28 import Thing28, fetch28
from pkg002.sub00 import mod00 as other


class Thing29(Thing28):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch29():
    await asyncio.sleep(0)
    return Thing29()


def main():
    fetch28()
    return other, mod28
