from .star_all import public
from .star_all import hidden  # expect: missing-import-name
