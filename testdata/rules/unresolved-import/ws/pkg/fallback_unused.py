"""The fallback of a try statement whose body imports fine never runs."""
try:
    from pkg import fine
except ImportError:
    import pkg.nowhere_fallback as fine
