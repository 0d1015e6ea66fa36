# dangling-task: a task kept only in a local that is never read, assigned to _, or
# created inside a list or set display that is thrown away. Each case lets the
# function that created the task return, then forces a garbage collection while the
# task waits, so CPython (in debug mode) reports where it was created. `text` after
# the rule is the finding's span.
import asyncio
import gc


async def worker():
    await asyncio.get_running_loop().create_future()


async def settle(spawner):
    await spawner()
    await asyncio.sleep(0)
    gc.collect()


# --- case: a local never read
async def unread():
    task = asyncio.create_task(worker())  # expect: dangling-task `asyncio.create_task(worker())`
asyncio.run(settle(unread), debug=True)
# --- case: assigned to _
async def underscore():
    _ = asyncio.ensure_future(worker())  # expect: dangling-task `asyncio.ensure_future(worker())`
asyncio.run(settle(underscore), debug=True)
# --- case: a list of tasks thrown away
async def listed():
    [asyncio.create_task(worker()) for _ in range(2)]  # expect: dangling-task `asyncio.create_task(worker())`
asyncio.run(settle(listed), debug=True)
# --- case: a set display of tasks thrown away
async def setted():
    {asyncio.create_task(worker())}  # expect: dangling-task `asyncio.create_task(worker())`
asyncio.run(settle(setted), debug=True)
# --- case: a task kept in a set, discarded when done, is fine
background = set()
async def kept():
    task = asyncio.create_task(worker())
    background.add(task)
    task.add_done_callback(background.discard)
async def kept_and_cancelled():
    await kept()
    await asyncio.sleep(0)
    gc.collect()
    for t in background:
        t.cancel()
    await asyncio.sleep(0)
asyncio.run(kept_and_cancelled(), debug=True)
# --- case: a list of tasks that is awaited is fine
async def gathered():
    tasks = [asyncio.create_task(asyncio.sleep(0)) for _ in range(2)]
    await asyncio.gather(*tasks)
asyncio.run(gathered(), debug=True)
# --- case: a local that is read is fine
async def read_later():
    task = asyncio.create_task(asyncio.sleep(0))
    await asyncio.sleep(0)
    await task
asyncio.run(read_later(), debug=True)
# --- case: a local that locals() may read is fine (here the dict keeps the task)
kept = []
async def by_locals():
    task = asyncio.create_task(worker())
    kept.append(locals())
asyncio.run(settle(by_locals), debug=True)
