class Client:
    async def fetch(self):
        return 1

    def close(self):
        return None


class Base:
    async def start(self):
        return 1


class Mixin:
    def start(self):
        return 2


def connect() -> Client:
    return Client()
