__all__ = ["pub", "only_sub_all"]


def pub():
    return "pub"


def _priv():
    return "private"


only_sub_all = "listed in __all__"
