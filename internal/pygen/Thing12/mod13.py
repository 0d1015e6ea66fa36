"""Module 13."""
import asyncio
from . import mod12
from .mod12 import Thing12, fetch12
from pkg002.sub00 import mod00 as other


class Thing13(Thing12):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch13():
    await asyncio.sleep(0)
    return Thing13()


def main():
    fetch12()
    return other, mod12
