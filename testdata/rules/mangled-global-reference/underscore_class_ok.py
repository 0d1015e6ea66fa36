__helper = 1


class __:
    v = __helper


print(__.v)
