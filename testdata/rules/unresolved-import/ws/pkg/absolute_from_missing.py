from pkg.sub.nowhere import z  # expect: unresolved-import
