import asyncio


async def fetch():
    return 1


def sync_fetch():
    return 1


class Service:
    async def start(self):
        await asyncio.sleep(0)
