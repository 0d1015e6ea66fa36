class Registry:
    __items = {}


print(Registry._Registry__items)  # expect: mangled-attribute-access
