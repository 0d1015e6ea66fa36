# missing-await through the class model: coroutine methods reached through attributes,
# annotations, return annotations and bound methods kept in locals; a list or set of
# coroutines built as a statement; a coroutine kept in a local that is read but never
# awaited. Cases are separated by "# --- case" lines; gen.py runs the prelude plus each
# case alone and records what CPython does. `text` after the rule is the finding's span.
import asyncio
import socket


class Client:
    async def fetch(self):
        return 1

    def close(self):
        return None


class Service:
    def __init__(self, client: Client):
        self.client = client

    async def refresh(self):
        self.client.fetch()  # expect: missing-await `self.client.fetch()`
        await self.client.fetch()
        self.client.close()


class Store:
    async def save(self):
        return 1


class Holder:
    store: Store

    def __init__(self):
        self.store = Store()
        self.backup: Store = Store()

    async def flush(self):
        self.store.save()  # expect: missing-await `self.store.save()`
        self.backup.save()  # expect: missing-await `self.backup.save()`


def make_client() -> Client:
    return Client()


class Sync:
    def fetch(self):
        return 1


async def ping(i):
    return i


async def fetch():
    return 1


# --- case: an attribute set from an annotated parameter
asyncio.run(Service(Client()).refresh())
# --- case: class-level and inline attribute annotations
asyncio.run(Holder().flush())
# --- case: an annotated parameter of an asyncio class
async def handle(writer: asyncio.StreamWriter):
    writer.drain()  # expect: missing-await `writer.drain()`
    await writer.drain()
async def serve():
    a, b = socket.socketpair()
    reader, writer = await asyncio.open_connection(sock=a)
    await handle(writer)
    writer.close()
    b.close()
asyncio.run(serve())
# --- case: x = Foo(...) then x.method()
async def direct():
    c = Client()
    c.fetch()  # expect: missing-await `c.fetch()`
asyncio.run(direct())
# --- case: a return annotation
async def returned():
    make_client().fetch()  # expect: missing-await `make_client().fetch()`
    c = make_client()
    c.fetch()  # expect: missing-await `c.fetch()`
asyncio.run(returned())
# --- case: a bound method kept in a local, then called
async def bound():
    c = Client()
    f = c.fetch
    f()  # expect: missing-await `f()`
    g = Client().fetch
    await g()
asyncio.run(bound())
# --- case: an annotated local
async def annotated_local():
    c: Client = make_client()
    c.fetch()  # expect: missing-await `c.fetch()`
asyncio.run(annotated_local())
# --- case: a list of coroutines built as a statement
async def listed():
    [ping(i) for i in range(2)]  # expect: missing-await `[ping(i) for i in range(2)]`
asyncio.run(listed())
# --- case: a set of coroutines built as a statement
async def setted():
    {ping(i) for i in range(2)}  # expect: missing-await `{ping(i) for i in range(2)}`
asyncio.run(setted())
# --- case: a list display of coroutines as a statement
async def displayed():
    [ping(1), ping(2)]  # expect: missing-await `[ping(1), ping(2)]`
asyncio.run(displayed())
# --- case: a coroutine kept in a local that is only inspected
async def inspected():
    x = fetch()  # expect: missing-await `fetch()`
    print(type(x).__name__)
asyncio.run(inspected())
# --- case: a coroutine kept in a local that is only printed
async def printed():
    x = fetch()  # expect: missing-await `fetch()`
    print(repr(x)[:1])
asyncio.run(printed())
# --- case: the right receiver: a sync method of the same class is fine
async def sync_method():
    c = Client()
    c.close()
    Service(c)
asyncio.run(sync_method())
# --- case: a generator expression statement creates nothing
async def lazy():
    (ping(i) for i in range(2))
asyncio.run(lazy())
# --- case: a list of coroutines that is gathered is fine
async def gathered():
    await asyncio.gather(*[ping(i) for i in range(2)])
    coros = [ping(i) for i in range(2)]
    await asyncio.gather(*coros)
asyncio.run(gathered())
# --- case: a local passed on, returned, stored or awaited is fine
def consume(c):
    c.close()
async def passed():
    x = fetch()
    consume(x)
    y = fetch()
    box = [y]
    await box[0]
    z = fetch()
    print(type(z))
    await z
    return fetch()
async def outer():
    await (await passed())
asyncio.run(outer())
# --- case: rebinding the attribute to an unknown value makes it unknown
class Loose:
    def __init__(self, client: Client):
        self.client = client
    def swap(self, other):
        self.client = other
    async def go(self):
        self.client.fetch()
l = Loose(Client())
l.swap(Sync())
asyncio.run(l.go())
# --- case: an unannotated parameter says nothing
async def unknown(client):
    client.fetch()
asyncio.run(unknown(Sync()))
# --- case: the method is found by the C3 MRO, not depth first
class A:
    def run(self):
        return 1
class B(A):
    pass
class C(A):
    async def run(self):
        return 2
class D(B, C):
    pass
async def diamond():
    D().run()  # expect: missing-await `D().run()`
asyncio.run(diamond())
# --- case: depth first would find the async method; the C3 MRO finds the sync one
class A2:
    async def run(self):
        return 1
class B2(A2):
    pass
class C2(A2):
    def run(self):
        return 2
class D2(B2, C2):
    pass
async def diamond2():
    D2().run()
asyncio.run(diamond2())
# --- case: cls and super() in class methods and subclasses
class Repo:
    @classmethod
    async def load(cls):
        return cls()
    @classmethod
    async def reload(cls):
        cls.load()  # expect: missing-await `cls.load()`
        return await cls.load()
class SubRepo(Repo):
    @classmethod
    async def reload(cls):
        super().load()  # expect: missing-await `super().load()`
        return await super().reload()
asyncio.run(SubRepo.reload())
# --- case: an async property read as a statement
class Job:
    @property
    async def done(self):
        return True
async def peek():
    job = Job()
    job.done  # expect: missing-await `job.done`
    return await job.done
asyncio.run(peek())
# --- case: a dataclass field with a class annotation
import dataclasses
@dataclasses.dataclass
class Conn:
    client: Client
async def dc():
    Conn(Client()).client.fetch()  # expect: missing-await `Conn(Client()).client.fetch()`
asyncio.run(dc())
