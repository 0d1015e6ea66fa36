"""Module 8."""
import asyncio
from . import mod07
from .mod07 import Thing7, fetch7
from pkg002.sub00 import mod00 as other


class Thing8(Thing7):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch8():
    await asyncio.sleep(0)
    return Thing8()


def main():
    fetch7()
    return other, mod07
