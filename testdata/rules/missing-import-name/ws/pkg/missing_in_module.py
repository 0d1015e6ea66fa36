from .m import f
from .m import g  # expect: missing-import-name
