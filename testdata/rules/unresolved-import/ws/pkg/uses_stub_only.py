from .stub_only import typed  # expect: unresolved-import
