# Keyword-argument names at call sites are not mangled.
def make(__k=0):
    return __k


class C:
    v = make(__k=1)


print(C.v)
