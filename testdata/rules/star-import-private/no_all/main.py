from lib import *

print(visible)
print(_hidden)  # expect: star-import-private
