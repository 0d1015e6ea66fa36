"""Module 20."""
import asyncio
from . import mod19
from .mod19 import Thing19, fetch19
from pkg002.sub00 import mod00 as other


class Thing20(Thing19):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch20():
    await asyncio.sleep(0)
    return Thing20()


def main():
    fetch19()
    return other, mod19
