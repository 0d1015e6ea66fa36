"""A try statement that does not catch ImportError does not hide a missing module."""
try:
    import pkg.nowhere_tried  # expect: unresolved-import
except ValueError:
    pass
