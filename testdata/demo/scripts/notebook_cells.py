# A script written as notebook cells: top-level await is legal in a cell.
# %%
import asyncio

# %%
await asyncio.sleep(0)
