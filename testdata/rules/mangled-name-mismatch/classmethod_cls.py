class Base:
    __registry = {}


class Plugin(Base):
    @classmethod
    def all(cls):
        return cls.__registry  # expect: mangled-name-mismatch


Plugin.all()
