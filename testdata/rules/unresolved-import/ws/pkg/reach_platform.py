"""Branches for another platform never run on Linux."""
import os
import sys

if sys.platform == "win32":
    import pkg.nowhere_win
elif os.name == "nt":
    from . import nowhere_nt
elif sys.platform.startswith("darwin"):
    import pkg.nowhere_mac
