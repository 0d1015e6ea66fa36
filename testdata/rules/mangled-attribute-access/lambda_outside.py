class Foo:
    __x = 1


get = lambda o: o.__x  # expect: mangled-attribute-access
get(Foo())
