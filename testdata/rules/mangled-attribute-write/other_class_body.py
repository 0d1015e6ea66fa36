# Foo.__limit written in another class's body is mangled with that class: it creates
# Foo._Bar__limit, and Foo keeps reading its own _Foo__limit.
class Foo:
    __limit = 10

    @classmethod
    def limit(cls):
        return cls.__limit


class Bar:
    Foo.__limit = 5  # expect: mangled-attribute-write `__limit`


assert Foo.limit() == 10 and Foo._Bar__limit == 5
