"""Module 19."""
import asyncio
from . import mod18
from .mod18 import Thing18, fetch18
from pkg002.sub00 import mod00 as other


class Thing19(Thing18):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch19():
    await asyncio.sleep(0)
    return Thing19()


def main():
    fetch18()
    return other, mod18
