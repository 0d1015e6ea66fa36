def f():
    return 1


class C:
    pass
