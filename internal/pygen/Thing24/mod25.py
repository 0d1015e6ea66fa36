"""Module 25."""
import asyncio
from . import mod24
from .mod24 import Thing24, fetch24
from pkg002.sub00 import mod00 as other


class Thing25(Thing24):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch25():
    await asyncio.sleep(0)
    return Thing25()


def main():
    fetch24()
    return other, mod24
