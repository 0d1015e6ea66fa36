"""When the body fails too, the fallback's own import runs and raises."""
try:
    import pkg.nowhere_first
except ImportError:
    import pkg.nowhere_second  # expect: unresolved-import
