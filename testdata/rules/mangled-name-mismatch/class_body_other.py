# Foo.__limit read in another class's body is mangled with that class (Bar): it reads
# Foo._Bar__limit, which Foo does not have.
class Foo:
    __limit = 10


class Bar:
    limit = Foo.__limit  # expect: mangled-name-mismatch `__limit`
