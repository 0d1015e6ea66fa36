"""Module 41."""
import asyncio
from . import mod40
from .mod40 import Thing40, fetch40
from pkg002.sub00 import mod00 as other


class Thing41(Thing40):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch41():
    await asyncio.sleep(0)
    return Thing41()


def main():
    fetch40()
    return other, mod40
