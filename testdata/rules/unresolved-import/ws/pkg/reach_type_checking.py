"""Code under `if TYPE_CHECKING:` never runs: its imports raise nothing."""
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .nowhere import Thing
    import pkg.nowhere_typing
