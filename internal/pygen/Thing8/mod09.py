"""Module 9."""
import asyncio
from . import mod08
from .mod08 import Thing8, fetch8
from pkg002.sub00 import mod00 as other


class Thing9(Thing8):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch9():
    await asyncio.sleep(0)
    return Thing9()


def main():
    fetch8()
    return other, mod08
