"""Module 16."""
import asyncio
from . import mod15
from .mod15 import Thing15, fetch15
from pkg002.sub00 import mod00 as other


class Thing16(Thing15):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch16():
    await asyncio.sleep(0)
    return Thing16()


def main():
    fetch15()
    return other, mod15
