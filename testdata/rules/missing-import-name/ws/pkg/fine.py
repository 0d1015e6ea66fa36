"""Names that exist, or may exist: nothing to report."""
from .getattr_mod import anything
from .dyn import made
from .star_unknown import dumps
from .m import __name__ as m_name, __file__ as m_file, __dict__ as m_dict
from . import star_known
from ns import sub
from ns.sub import y

try:
    from .m import g
except ImportError:
    g = None
