"""Module 18."""
import asyncio
from . import mod17
from .mod17 import Thing17, fetch17
from pkg002.sub00 import mod00 as other


class Thing18(Thing17):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch18():
    await asyncio.sleep(0)
    return Thing18()


def main():
    fetch17()
    return other, mod17
