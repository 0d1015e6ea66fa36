from . import _impl
from ._impl import _helper
