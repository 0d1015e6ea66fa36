"""Models used by app.main."""


class Model:
    """A tiny model with a name."""

    def __init__(self, name="model"):
        self.name = name
        self.__secret = 42

    def __str__(self):
        return f"Model({self.name})"


async def fetch():
    """Pretend to load a Model from somewhere slow."""
    return Model()
