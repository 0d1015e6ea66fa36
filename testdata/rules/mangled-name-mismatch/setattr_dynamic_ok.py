# Mangled attributes can be given under a computed name (sympy's doctest runner does).
class Base:
    def __run(self):
        return 1


class Sub(Base):
    def go(self):
        return self.__run()


for method in ["run"]:
    setattr(Sub, "_Sub__" + method, getattr(Base, "_Base__" + method))
print(Sub().go())
