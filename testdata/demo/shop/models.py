import asyncio

_PRICE_CACHE: dict[str, float] = {}


def _helper(name: str) -> str:
    return name.strip().lower()


class Order:
    """An order of one item."""

    def __init__(self, item: str, quantity: int) -> None:
        self.item = item
        self.quantity = quantity
        self.__total = 0.0
        self._cache = {}

    def __str__(self) -> str:
        return f"{self.quantity} x {self.item}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Order) and other.item == self.item


async def fetch_price(item: str) -> float:
    await asyncio.sleep(0.01)
    return _PRICE_CACHE.get(_helper(item), 1.0)
