# await-outside-async: what CPython's compiler rejects. gen.py compiles the prelude plus
# each case alone and records the SyntaxError.
import asyncio


async def fetch():
    return 1


# --- case: module level
await fetch()  # expect: await-outside-async
# --- case: plain def
def plain():
    return await fetch()  # expect: await-outside-async
# --- case: lambda inside async def
async def with_lambda():
    return lambda: await fetch()  # expect: await-outside-async
# --- case: plain nested def inside async def
async def with_nested():
    def inner():
        await fetch()  # expect: await-outside-async
    return inner
# --- case: async for in a plain def
def loops(items):
    async for x in items:  # expect: await-outside-async
        pass
# --- case: async with in a plain def
def ctx(lock):
    async with lock:  # expect: await-outside-async
        pass
# --- case: async comprehension in a plain def
def comp(items):
    return [x async for x in items]  # expect: await-outside-async
# --- case: await in a comprehension in a plain def
def comp2(items):
    return [await x for x in items]  # expect: await-outside-async
# --- case: await in a class body inside async def
async def with_class():
    class C:
        value = await fetch()  # expect: await-outside-async
    return C
# --- case: yield from inside async def
async def delegate():
    yield from [1]  # expect: await-outside-async
# --- case: a plain yield inside async def makes an async generator
async def ticks():
    yield 1
    x = yield
# --- case: all legal
async def fine(items, lock):
    await fetch()
    async for x in items:
        pass
    async with lock:
        pass
    a = [await x for x in items]
    b = [y async for y in items]
    c = [[await x for x in z] for z in items]
    def later(v=await fetch()):
        return v
    g = lambda w=await fetch(): w
    return a, b, c, later, g
# --- case: generator expressions may be asynchronous anywhere
def genexps(items):
    return (x async for x in items), (await x for x in items)
# --- case: the first iterable of a comprehension runs outside it
def first(items):
    return [x for x in await items]  # expect: await-outside-async
# --- case: nested comprehensions make the outer one asynchronous
def nested(items):
    return [[await x for x in y] for y in items]  # expect: await-outside-async
# --- case: a comprehension inside a generator expression is fine
def in_genexp(items):
    return ([await x for x in y] for y in items)
# --- case: async for in a class body
async def klass(items):
    class C:
        async for x in items:  # expect: await-outside-async
            pass
    return C
# --- case: an async comprehension in a lambda inside async def
async def lam(items):
    return lambda: [await x for x in items]  # expect: await-outside-async
# --- case: module-level class body
class Top:
    value = await asyncio.sleep(0)  # expect: await-outside-async
