# A dotted module path is not mangled; the name `import __a.b` binds is.
class Foo:
    def f(self):
        import __a.b
        import __c.d as __e
        from __f.g import __h
        return __a, __e, __h
