# Foo.__limit read in Bar's body reads Foo._Bar__limit; the file gives Foo attributes
# under computed names (setattr(Foo, <not a literal>, ...)), so the read may work: it does.
class Foo:
    __limit = 10


for owner in ["Bar"]:
    setattr(Foo, "_%s__limit" % owner, 5)


class Bar:
    limit = Foo.__limit


print(Bar.limit)
