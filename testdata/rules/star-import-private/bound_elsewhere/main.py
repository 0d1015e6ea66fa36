from lib import *
from lib import _hidden  # expect: private-module-import

print(visible, _hidden)
