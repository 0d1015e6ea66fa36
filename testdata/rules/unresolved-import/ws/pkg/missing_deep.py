from .sub.nowhere import y  # expect: unresolved-import
