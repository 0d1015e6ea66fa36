"""Module 40."""
import asyncio
from . import mod39
from .mod39 import Thing39, fetch39
from pkg002.sub00 import mod00 as other


class Thing40(Thing39):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch40():
    await asyncio.sleep(0)
    return Thing40()


def main():
    fetch39()
    return other, mod39
