from .. import anything  # expect: import-beyond-top-level
