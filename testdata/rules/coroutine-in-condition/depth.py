# coroutine-in-condition through the class model: coroutine methods reached through
# attributes and annotations, async properties used as conditions, and a coroutine
# compared (a coroutine equals nothing but itself, so `==` is always false). `text`
# after the rule is the finding's span.
import asyncio


class Job:
    @property
    async def done(self):
        return True

    @property
    def finished(self):
        return True

    async def ready(self):
        return True


async def count():
    return 0


class Runner:
    def __init__(self, job: Job):
        self.job = job


# --- case: an async property as a condition
async def wait_job(job: Job):
    if job.done:  # expect: coroutine-in-condition `job.done`
        pass
    if job.finished:
        pass
    if await job.done:
        pass
asyncio.run(wait_job(Job()))
# --- case: an async property under not, through an attribute
async def runner_loop(r: Runner):
    while not r.job.done:  # expect: coroutine-in-condition `r.job.done`
        break
asyncio.run(runner_loop(Runner(Job())))
# --- case: a coroutine method through an annotated attribute
async def method_cond(r: Runner):
    if r.job.ready():  # expect: coroutine-in-condition `r.job.ready()`
        pass
asyncio.run(method_cond(Runner(Job())))
# --- case: a coroutine compared with ==
async def compared():
    if count() == 0:  # expect: coroutine-in-condition `count()`
        return 1
    return 2
asyncio.run(compared())
# --- case: a coroutine compared with is / != on the right
async def compared_right():
    n = 0
    ok = None is not count()  # expect: coroutine-in-condition `count()`
    return ok, n != count()  # expect: coroutine-in-condition `count()`
asyncio.run(compared_right())
# --- case: awaited comparisons are fine
async def awaited_compare():
    if await count() == 0:
        return 1
    return (await count()) != 1
asyncio.run(awaited_compare())
