from json import *

print(dumps({}))
print(_default_encoder)  # expect: star-import-private
