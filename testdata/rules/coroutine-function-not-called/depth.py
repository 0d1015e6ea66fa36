# coroutine-function-not-called with unpacked arguments and methods reached through the
# class model. `text` after the rule is the finding's span.
import asyncio


async def job():
    return 1


class Client:
    async def fetch(self):
        return 1


# --- case: gather over an unpacked list display
async def unpacked_list():
    await asyncio.gather(*[job, job])  # expect: coroutine-function-not-called `job`, coroutine-function-not-called `job`
asyncio.run(unpacked_list())
# --- case: gather over an unpacked tuple, one element right
async def unpacked_tuple():
    await asyncio.gather(*(job(), job))  # expect: coroutine-function-not-called `job`
asyncio.run(unpacked_tuple())
# --- case: a bound coroutine method given to asyncio.run
def run_method(c: Client):
    asyncio.run(c.fetch)  # expect: coroutine-function-not-called `c.fetch`
run_method(Client())
# --- case: unpacked coroutines are fine
async def unpacked_ok():
    await asyncio.gather(*[job(), job()])
    await asyncio.gather(*(job() for _ in range(2)))
asyncio.run(unpacked_ok())
# --- case: an unpacked list of unknown things says nothing
async def unpacked_unknown(fs):
    await asyncio.gather(*[f() for f in fs])
asyncio.run(unpacked_unknown([job]))
