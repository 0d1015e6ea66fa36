def f():
    return "util.f"


CONST = 3
