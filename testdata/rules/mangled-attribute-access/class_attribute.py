class Registry:
    __items = {}


print(Registry.__items)  # expect: mangled-attribute-access
