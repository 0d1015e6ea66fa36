# coroutine-in-condition: a coroutine's truth value is taken; it is always true.
import asyncio


async def ready():
    return False


# --- case: if
async def use_if():
    if ready():  # expect: coroutine-in-condition
        pass
asyncio.run(use_if())
# --- case: while
async def use_while():
    n = 0
    while ready() and n < 1:  # expect: coroutine-in-condition
        n += 1
asyncio.run(use_while())
# --- case: not
async def use_not():
    return not ready()  # expect: coroutine-in-condition
asyncio.run(use_not())
# --- case: and / or
async def use_and():
    return ready() or 5  # expect: coroutine-in-condition
asyncio.run(use_and())
# --- case: conditional expression
async def use_ternary():
    return 1 if ready() else 2  # expect: coroutine-in-condition
asyncio.run(use_ternary())
# --- case: assert
async def use_assert():
    assert ready()  # expect: coroutine-in-condition
asyncio.run(use_assert())
# --- case: an assert's message is no condition (and runs only when the assert fails)
async def use_assert_message(ok):
    assert ok, (
        ready()
    )
asyncio.run(use_assert_message(True))
# --- case: elif and comprehension if
async def use_elif():
    if 0:
        pass
    elif ready():  # expect: coroutine-in-condition
        pass
asyncio.run(use_elif())
# --- case: in a plain def
def plain():
    if ready():  # expect: coroutine-in-condition
        return 1
plain()
# --- case: awaited conditions are fine
async def fine():
    if await ready():
        pass
    while not await ready():
        break
    x = await ready() or 3
    return x
asyncio.run(fine())
# --- case: a comprehension's if and a case guard
async def use_filters():
    items = [x for x in range(1) if ready()]  # expect: coroutine-in-condition
    match items:
        case [_] if ready():  # expect: coroutine-in-condition
            pass
asyncio.run(use_filters())
