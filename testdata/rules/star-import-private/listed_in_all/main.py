from lib import *

print(visible, _hidden)
