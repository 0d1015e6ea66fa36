# Mangled attributes given under a name built by an f-string: Sub gets _Sub__run.
class Base:
    def __run(self):
        return 1


class Sub(Base):
    def go(self):
        return self.__run()


for method in ["run"]:
    setattr(Sub, f"_Sub__{method}", getattr(Base, f"_Base__{method}"))
print(Sub().go())
