# Uses of the classes of service.py, from a third module.
import asyncio

import pkg.clients
from pkg.service import Aliased, Mixed, Service, Worker


async def main():
    Aliased().start()  # expect: missing-await `Aliased().start()`
    Mixed().start()
    pkg.clients.connect().fetch()  # expect: missing-await `pkg.clients.connect().fetch()`
    s = Service(pkg.clients.Client())
    s.client.fetch()  # expect: missing-await `s.client.fetch()`
    await s.refresh()
    await Worker().go()


if __name__ == "__main__":
    asyncio.run(main())
