# Classes whose attributes and bases come from other modules.
from pkg import Client
from . import clients as cl
from .clients import Base as B


class Service:
    def __init__(self, client: Client):
        self.client = client

    async def refresh(self):
        self.client.fetch()  # expect: missing-await `self.client.fetch()`
        self.client.close()
        return await self.client.fetch()


class Worker(cl.Base):
    async def go(self):
        self.start()  # expect: missing-await `self.start()`
        return await self.start()


class Aliased(B):
    pass


class Mixed(cl.Mixin, B):
    pass
