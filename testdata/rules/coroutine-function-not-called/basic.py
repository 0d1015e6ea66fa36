# coroutine-function-not-called: a coroutine function given where a coroutine is needed.
import asyncio
from asyncio import run


async def main():
    return 1


# --- case: asyncio.run
asyncio.run(main)  # expect: coroutine-function-not-called
# --- case: run imported by name
run(main)  # expect: coroutine-function-not-called
# --- case: run_until_complete
loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(main)  # expect: coroutine-function-not-called
finally:
    loop.close()
# --- case: create_task
async def spawn():
    asyncio.create_task(main)  # expect: coroutine-function-not-called
asyncio.run(spawn())
# --- case: gather
async def together():
    await asyncio.gather(main(), main)  # expect: coroutine-function-not-called
asyncio.run(together())
# --- case: wait_for
async def bounded():
    await asyncio.wait_for(main, 1)  # expect: coroutine-function-not-called
asyncio.run(bounded())
# --- case: await
async def waiter():
    await main  # expect: coroutine-function-not-called
asyncio.run(waiter())
# --- case: ensure_future
async def ensure():
    asyncio.ensure_future(main)  # expect: coroutine-function-not-called
asyncio.run(ensure())
# --- case: a TaskGroup's create_task
async def grouped():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(main)  # expect: coroutine-function-not-called
asyncio.run(grouped())
# --- case: called, it works
asyncio.run(main())
# --- case: a plain function is not this rule's business
def helper():
    return 1
asyncio.run(asyncio.to_thread(helper))
