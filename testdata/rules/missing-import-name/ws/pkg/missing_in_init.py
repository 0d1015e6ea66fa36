from . import m, x
from . import nothing  # expect: missing-import-name
