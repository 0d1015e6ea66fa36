# __all__ computed: pyward cannot tell what it lists, so it stays quiet.
from lib import *

print(visible, _hidden)
