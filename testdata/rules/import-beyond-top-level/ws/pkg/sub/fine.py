from .. import helper
from ..sub import fine as myself
from . import __name__ as name
