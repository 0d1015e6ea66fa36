# %% [markdown]
# A file with cell markers is a notebook: top-level await is legal (gen.py compiles it
# with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, as IPython does).
# %%
import asyncio


async def fetch():
    return 1

# --- case: top-level await in a cell
value = await fetch()
async with asyncio.Lock():
    pass
# --- case: still illegal in a plain def
def plain():
    return await fetch()  # expect: await-outside-async
