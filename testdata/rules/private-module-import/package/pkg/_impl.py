__all__ = ["_listed", "public"]


def _helper():
    return 1


def _listed():
    return 2


def public():
    return _helper()
