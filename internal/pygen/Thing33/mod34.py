"""Module 34."""
import asyncio
from . import mod33
from .mod33 import Thing33, fetch33
from pkg002.sub00 import mod00 as other


class Thing34(Thing33):
    def __init__(self):
        super().__init__()
        self._own = 1
        self.__secret = 2

    def peek(self, other_thing):
        return other_thing._own + self.__secret


async def fetch34():
    await asyncio.sleep(0)
    return Thing34()


def main():
    fetch33()
    return other, mod33
