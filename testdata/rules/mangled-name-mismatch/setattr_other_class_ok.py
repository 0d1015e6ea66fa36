# Foo.__limit read in Bar's body reads Foo._Bar__limit, and the file gives Foo that
# very attribute through setattr, so the read works.
class Foo:
    __limit = 10


setattr(Foo, "_Bar__limit", 5)


class Bar:
    limit = Foo.__limit


print(Bar.limit)
