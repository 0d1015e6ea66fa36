# A method of Foo that stores other.__y stores _Foo__y (the store is mangled with the
# class it stands in): Foo instances hold __y only as _Foo__y.
class Foo:
    def give(self, other):
        other.__y = 2


foo = Foo()
Foo().give(foo)
print(foo.__y)  # expect: mangled-attribute-access
