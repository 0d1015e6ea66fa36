"""Module 27."""
import asyncio
from . import mod26
from .mod26 import Thing26, fetch26
from pkg002.sub00 import mod00 as other


class Thing27(Thing26):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch27():
    await asyncio.sleep(0)
    return Thing27()


def main():
    fetch26()
    return other, mod26
