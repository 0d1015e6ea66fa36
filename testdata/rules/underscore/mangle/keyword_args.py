# Keyword-argument names at call sites are not mangled; parameter names are.
def f(**kw):
    return kw


class Foo:
    def g(self, __p, *, __k=1, **__kw):
        return f(__q=__p, __r=__k, **__kw)

    h = lambda self, __l: __l
