# Cross-file: names imported from workspace modules, relative and absolute.
from . import coros
from .coros import fetch, sync_fetch, Service
from .star import fetch as starred
from pkg import fetch_again
import pkg.coros
import pkg.coros as pc


class Worker(Service):
    async def run(self):
        self.start()  # expect: missing-await


async def main():
    fetch()  # expect: missing-await
    sync_fetch()
    coros.fetch()  # expect: missing-await
    starred()  # expect: missing-await
    fetch_again()  # expect: missing-await
    pkg.coros.fetch()  # expect: missing-await
    pc.fetch()  # expect: missing-await
    Service().start()  # expect: missing-await
    await fetch()


if __name__ == "__main__":
    import asyncio
    asyncio.run(main())
    asyncio.run(Worker().run())
