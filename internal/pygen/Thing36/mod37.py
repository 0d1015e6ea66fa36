"""Module 37."""
import asyncio
from . import mod36
from .mod36 import Thing36, fetch36
from pkg002.sub00 import mod00 as other


class Thing37(Thing36):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch37():
    await asyncio.sleep(0)
    return Thing37()


def main():
    fetch36()
    return other, mod36
