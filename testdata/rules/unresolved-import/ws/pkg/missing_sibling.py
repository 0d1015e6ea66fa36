from .nowhere import x  # expect: unresolved-import
