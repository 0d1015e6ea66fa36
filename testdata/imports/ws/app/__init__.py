"""The top-level package: re-exports run from its core."""
from .core import thing as run

helper = 1
