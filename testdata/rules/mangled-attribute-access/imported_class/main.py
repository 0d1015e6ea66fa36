import lib

c = lib.connect()
print(c.__sock)  # expect: mangled-attribute-access
