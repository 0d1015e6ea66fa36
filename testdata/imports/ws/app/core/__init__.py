"""A package that re-exports from its submodules."""
from .impl import thing
from . import util as u

shadow = "the binding in __init__ wins over the submodule shadow.py"
