"""Imports that work, or whose failure the program expects: nothing to report."""
import os.path
import pkg.sub
from . import mod, helper
from .mod import f
from .sub import __name__ as sub_name

try:
    from .nowhere import x
except ImportError:
    x = None

try:
    import pkg.nowhere
except (ValueError, ModuleNotFoundError):
    pass

try:
    from .nowhere import y
except Exception:
    y = None

try:
    import not_installed_anywhere_pyward
except:  # noqa: E722
    pass

