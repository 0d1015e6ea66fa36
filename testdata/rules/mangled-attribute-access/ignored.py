class Foo:
    __x = 1


print(Foo.__x)  # pyward: ignore[mangled-attribute-access]
print(Foo.__x)  # noqa
