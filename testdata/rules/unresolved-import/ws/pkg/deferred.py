def main():
    """The import fails when main runs (the generator calls it), not at import time."""
    from .nowhere import z  # expect: unresolved-import

    return z
