# lib's __all__ leaves the public name helper out, so the star import does not bind it.
from lib import *

print(visible)
print(helper)  # expect: star-import-private `helper`
