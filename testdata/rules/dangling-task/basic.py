# dangling-task: a task whose only reference is dropped. Each case forces a garbage
# collection while the task waits, so CPython (in debug mode) reports where it was created.
import asyncio
import gc


async def worker():
    await asyncio.get_running_loop().create_future()


# --- case: asyncio.create_task dropped
async def spawn():
    asyncio.create_task(worker())  # expect: dangling-task
    await asyncio.sleep(0)
    gc.collect()
asyncio.run(spawn(), debug=True)
# --- case: ensure_future dropped
async def ensure():
    asyncio.ensure_future(worker())  # expect: dangling-task
    await asyncio.sleep(0)
    gc.collect()
asyncio.run(ensure(), debug=True)
# --- case: loop.create_task dropped
async def on_loop():
    loop = asyncio.get_running_loop()
    loop.create_task(worker())  # expect: dangling-task
    await asyncio.sleep(0)
    gc.collect()
asyncio.run(on_loop(), debug=True)
# --- case: a kept reference is fine
async def kept():
    task = asyncio.create_task(asyncio.sleep(0))
    await task
asyncio.run(kept(), debug=True)
# --- case: a TaskGroup keeps its tasks
async def grouped():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(asyncio.sleep(0))
asyncio.run(grouped(), debug=True)
