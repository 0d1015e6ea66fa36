# lib's __all__ leaves _hidden out, so the star import does not bind it.
from lib import *

print(visible)
print(_hidden)  # expect: star-import-private `_hidden`
