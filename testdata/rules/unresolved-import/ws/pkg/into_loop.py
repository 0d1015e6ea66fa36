from .loop import x  # expect: unresolved-import
