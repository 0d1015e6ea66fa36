"""Module 47."""
import asyncio
from . import mod46
from .mod46 import Thing46, fetch46
from pkg002.sub00 import mod00 as other


class Thing47(Thing46):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch47():
    await asyncio.sleep(0)
    return Thing47()


def main():
    fetch46()
    return other, mod46
