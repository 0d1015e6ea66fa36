def both(x):
    return x


LIMIT = 10
