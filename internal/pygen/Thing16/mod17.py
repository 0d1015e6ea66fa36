"""Module 17."""
import asyncio
from . import mod16
from .mod16 import Thing16, fetch16
from pkg002.sub00 import mod00 as other


class Thing17(Thing16):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch17():
    await asyncio.sleep(0)
    return Thing17()


def main():
    fetch16()
    return other, mod16
