"""A small shop: the bundled example that `pyward check testdata/demo` reports on."""
from .models import Order, fetch_price

__all__ = ["Order", "fetch_price"]
