"""A handler that does not catch ImportError is no fallback: when its try body
imports fine and then raises, the handler runs and its import raises."""
try:
    from pkg import fine
    raise ValueError
except ValueError:
    import pkg.nowhere_handler  # expect: unresolved-import
