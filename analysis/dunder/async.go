package dunder

// Coroutines, awaitables and asynchronous iteration.

const catAsync = "Coroutines and asynchronous iteration"

var asyncEntries = []Entry{
	{
		Name:      "__await__",
		Kind:      Method,
		Category:  catAsync,
		Signature: "def __await__(self) -> Generator[Any, None, T]",
		Summary:   "Makes an object awaitable: `await x` drives the iterator it returns, which talks to the event loop.",
		CalledBy:  []string{"`await x`, as `type(x).__await__(x)`", "`asyncio.ensure_future(x)` and other APIs that accept awaitables"},
		Returns:   "An iterator (usually by writing `__await__` as a generator or returning `coro.__await__()`); the value it returns at `StopIteration` is the result of `await`. A non-iterator raises `TypeError`.",
		Pitfalls: []string{
			"It cannot be an `async def`: it must be a plain method returning an iterator, e.g. `return self._run().__await__()` or `yield from ...`.",
			"The values it yields go to the event loop, whose protocol is library-specific (asyncio expects futures): do not yield arbitrary values.",
			"Coroutine objects from `async def` already have it; define it only on custom awaitable classes.",
		},
		Since:  "3.5",
		DocURL: objPrefix + "__await__",
	},
	{
		Name:      "__aiter__",
		Kind:      Method,
		Category:  catAsync,
		Signature: "def __aiter__(self) -> AsyncIterator[Any]",
		Summary:   "Returns an asynchronous iterator over the object, for `async for`.",
		CalledBy:  []string{"`async for item in x:`, asynchronous comprehensions", "`aiter(x)` (3.10+)"},
		Returns:   "An asynchronous iterator (an object with `__anext__`), returned directly, not awaited; an async iterator returns `self`.",
		Pitfalls: []string{
			"It must be a plain `def`: since Python 3.7, an `async def __aiter__` (returning an awaitable) raises `TypeError`.",
			"An async generator function (`async def` with `yield`) is the simplest way to write it.",
		},
		Since:  "3.5",
		DocURL: objPrefix + "__aiter__",
	},
	{
		Name:      "__anext__",
		Kind:      Method,
		Category:  catAsync,
		Signature: "async def __anext__(self) -> Any",
		Summary:   "Returns an awaitable producing the next item of an asynchronous iterator.",
		CalledBy:  []string{"each step of `async for`", "`anext(it)`, `anext(it, default)` (3.10+)"},
		Returns:   "An awaitable (define it with `async def`) whose result is the next item; raise `StopAsyncIteration` when exhausted.",
		Pitfalls: []string{
			"Raise `StopAsyncIteration`, not `StopIteration`, to end iteration.",
		},
		Since:  "3.5",
		DocURL: objPrefix + "__anext__",
	},
}
