"""Module 10."""
import asyncio
from . import mod09
from .mod09 import Thing9, fetch9
from pkg002.sub00 import mod00 as other


class Thing10(Thing9):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch10():
    await asyncio.sleep(0)
    return Thing10()


def main():
    fetch9()
    return other, mod09
