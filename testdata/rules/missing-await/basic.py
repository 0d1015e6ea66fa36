# missing-await: a coroutine created and dropped. Cases are separated by "# --- case"
# lines; gen.py runs the prelude plus each case alone and records what CPython does.
import asyncio


async def fetch():
    return 1


async def agen():
    yield 1


def sync():
    return 2


class Client:
    async def load(self):
        return 1

    async def run(self):
        self.load()  # expect: missing-await
        await self.load()


class Sub(Client):
    async def go(self):
        super().load()  # expect: missing-await
        self.load()  # expect: missing-await
        return await super().load()


# --- case: a bare call statement
async def bare():
    fetch()  # expect: missing-await
asyncio.run(bare())
# --- case: a bare call at module level
fetch()  # expect: missing-await
# --- case: in a plain def
def plain():
    fetch()  # expect: missing-await
plain()
# --- case: assigned to _
async def underscore():
    _ = fetch()  # expect: missing-await
asyncio.run(underscore())
# --- case: a variable never read
async def unused():
    result = fetch()  # expect: missing-await
    return 0
asyncio.run(unused())
# --- case: methods through self and super()
asyncio.run(Client().run())
# --- case: super and self in a subclass
asyncio.run(Sub().go())
# --- case: a nested async def
async def outer():
    async def inner():
        return 1
    inner()  # expect: missing-await
asyncio.run(outer())
# --- case: well-known asyncio coroutine functions
async def sleeper():
    asyncio.sleep(0)  # expect: missing-await
    q = asyncio.Queue()
    q.put(1)  # expect: missing-await
    q.put_nowait(2)
    ev = asyncio.Event()
    ev.set()
    lock = asyncio.Lock()
    lock.acquire()  # expect: missing-await
asyncio.run(sleeper())
# --- case: from asyncio import sleep
from asyncio import sleep as nap
async def napper():
    nap(0)  # expect: missing-await
asyncio.run(napper())
# --- case: in parentheses
async def parens():
    (fetch())  # expect: missing-await
asyncio.run(parens())
# --- case: awaited, returned, yielded, passed, stored: fine
async def fine():
    await fetch()
    x = await fetch()
    tasks = [fetch(), fetch()]
    await asyncio.gather(*tasks)
    await asyncio.wait_for(fetch(), 1)
    t = asyncio.create_task(fetch())
    await t
    box = {}
    box["c"] = fetch()
    await box["c"]
    holder = Client()
    holder.pending = fetch()
    await holder.pending
    c = fetch()
    await c
    return fetch()
async def returns():
    return await (await fine())
asyncio.run(returns())
# --- case: an async generator is not a coroutine function
async def gens():
    agen()
    sync()
asyncio.run(gens())
# --- case: async with and async for take what the call gives
async def ctx():
    lock = asyncio.Lock()
    async with lock:
        pass
    async for _ in agen():
        pass
asyncio.run(ctx())
# --- case: a decorator that may change the function is unknown
def deco(f):
    def wrapper(*a):
        return None
    return wrapper
@deco
async def wrapped():
    return 1
async def use_wrapped():
    wrapped()
asyncio.run(use_wrapped())
# --- case: staticmethod keeps it a coroutine function
class Tools:
    @staticmethod
    async def ping():
        return 1
async def use_tools():
    Tools.ping()  # expect: missing-await
asyncio.run(use_tools())
# --- case: inside assertWarns / assertRaises the mistake is the test's subject
import gc
import unittest
tc = unittest.TestCase()
with tc.assertWarns(RuntimeWarning):
    fetch()
    gc.collect()
# --- case: yielded to a consumer that awaits it
async def producer():
    yield fetch()
async def consumer():
    async for c in producer():
        await c
asyncio.run(consumer())
# --- case: a nonlocal name is bound in the enclosing function, which awaits it
async def keeper():
    pending = None
    def grab():
        nonlocal pending
        pending = fetch()
    grab()
    await pending
asyncio.run(keeper())
# --- case: vars() may read any local
async def by_vars():
    pending = fetch()
    await vars()["pending"]
asyncio.run(by_vars())
