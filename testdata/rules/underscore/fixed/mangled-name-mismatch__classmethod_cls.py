class Base:
    __registry = {}


class Plugin(Base):
    @classmethod
    def all(cls):
        return cls._Base__registry  # expect: mangled-name-mismatch


Plugin.all()
