"""Module 46."""
import asyncio
from . import mod45
from .mod45 import Thing45, fetch45
from pkg002.sub00 import mod00 as other


class Thing46(Thing45):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch46():
    await asyncio.sleep(0)
    return Thing46()


def main():
    fetch45()
    return other, mod45
