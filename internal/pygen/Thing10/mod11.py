"""Module 11."""
import asyncio
from . import mod10
from .mod10 import Thing10, fetch10
from pkg002.sub00 import mod00 as other


class Thing11(Thing10):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch11():
    await asyncio.sleep(0)
    return Thing11()


def main():
    fetch10()
    return other, mod10
