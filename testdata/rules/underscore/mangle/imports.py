# Import names (the module imported and the name bound) are mangled in a class.
class Foo:
    def f(self):
        import __mod
        import __mod2 as __alias
        from __pkg import __name
        from pkg import __other as __bound
        from . import __rel
        return __mod, __alias, __name, __bound, __rel
