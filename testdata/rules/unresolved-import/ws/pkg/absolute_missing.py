import pkg.nowhere  # expect: unresolved-import
