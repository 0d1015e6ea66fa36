import asyncio

from . import models
from .models import Order, _helper, fetch_price
from .models import discount
from .payments import charge
from ... import settings


async def total(order: Order) -> float:
    fetch_price(order.item)
    price = await fetch_price(order.item)
    if models.fetch_price(order.item):
        price *= 0.9
    asyncio.create_task(fetch_price("gift"))
    return price * order.quantity + order.__total


def cache_size(order: Order) -> int:
    return len(order._cache) + len(_helper(order.item))


def main() -> None:
    asyncio.run(total)
