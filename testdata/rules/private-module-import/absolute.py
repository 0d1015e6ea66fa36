import collections
import os
from collections import _count_elements  # expect: private-module-import

print(collections._chain)  # expect: private-module-import
print(os._exit, _count_elements)
