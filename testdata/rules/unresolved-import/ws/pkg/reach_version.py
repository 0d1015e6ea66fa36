"""A sys.version_info test that is false on the interpreter hides its branch; one that
is true does not."""
import sys

if sys.version_info < (3, 8):
    import pkg.nowhere_old
else:
    import pkg.fine

if sys.version_info >= (3, 8):
    import pkg.nowhere_new  # expect: unresolved-import
