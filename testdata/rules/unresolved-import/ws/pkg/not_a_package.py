from .mod.inner import x  # expect: unresolved-import
