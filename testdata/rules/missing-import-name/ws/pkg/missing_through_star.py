from .star_known import f, C
from .star_known import nope  # expect: missing-import-name
