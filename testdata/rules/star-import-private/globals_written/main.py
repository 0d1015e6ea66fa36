# The module writes its globals through globals(): _hidden may be defined that way.
from lib import *

globals()["_hid" + "den"] = 3
print(visible)
print(_hidden)
