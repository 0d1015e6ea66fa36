package dunder

// Context managers, synchronous and asynchronous.

const catContext = "Context managers"

var contextEntries = []Entry{
	{
		Name:      "__enter__",
		Kind:      Method,
		Category:  catContext,
		Signature: "def __enter__(self) -> Self",
		Summary:   "Enters the runtime context of a `with` statement: acquire the resource, start the transaction.",
		CalledBy:  []string{"`with x:` and `with x as name:`, as `type(x).__enter__(x)`, before the body runs", "`contextlib.ExitStack.enter_context(x)`"},
		Returns:   "The value bound to the `as` target; often `self`, but it may be anything (`open()` returns the file itself, a lock returns a `bool`).",
		Pitfalls: []string{
			"The `as` target gets what `__enter__` returns, not the object after `with`: forgetting `return self` binds `None`.",
			"If `__enter__` raises, `__exit__` is not called: leave nothing half-acquired.",
			"Both methods are looked up on the type: setting them on an instance does nothing.",
		},
		Since:  before3,
		DocURL: objPrefix + "__enter__",
	},
	{
		Name:      "__exit__",
		Kind:      Method,
		Category:  catContext,
		Signature: "def __exit__(self, exc_type: type[BaseException] | None, exc_value: BaseException | None, traceback: TracebackType | None) -> bool | None",
		Summary:   "Leaves the runtime context of a `with` statement, whether the body finished normally or raised: release the resource, commit or roll back.",
		CalledBy:  []string{"the end of a `with` block: with three `None`s after normal completion, `break`, `continue` or `return`, or with the exception's type, value and traceback"},
		Returns:   "A truth value: true suppresses the exception and execution continues after the `with` statement; false or `None` lets it propagate.",
		Pitfalls: []string{
			"Returning `True` unconditionally silently swallows every exception, including `KeyboardInterrupt`.",
			"Do not re-raise the exception passed in: return a false value; raise only if `__exit__` itself fails.",
			"It must accept three arguments even when it ignores them.",
		},
		Since:  before3,
		DocURL: objPrefix + "__exit__",
	},
	{
		Name:      "__aenter__",
		Kind:      Method,
		Category:  catContext + ": asynchronous",
		Signature: "async def __aenter__(self) -> Self",
		Summary:   "Asynchronous counterpart of `__enter__`, for `async with`: enter the context, possibly awaiting.",
		CalledBy:  []string{"`async with x:`, as `await type(x).__aenter__(x)`", "`contextlib.AsyncExitStack.enter_async_context(x)`"},
		Returns:   "An awaitable (define it with `async def`); its result is bound to the `as` target.",
		Pitfalls: []string{
			"A plain `def` returning a non-awaitable raises `TypeError` at `async with`.",
			"`async with` works only inside `async def` (or an asyncio REPL); a plain `with` does not use these methods.",
		},
		Since:  "3.5",
		DocURL: objPrefix + "__aenter__",
	},
	{
		Name:      "__aexit__",
		Kind:      Method,
		Category:  catContext + ": asynchronous",
		Signature: "async def __aexit__(self, exc_type: type[BaseException] | None, exc_value: BaseException | None, traceback: TracebackType | None) -> bool | None",
		Summary:   "Asynchronous counterpart of `__exit__`, for `async with`: leave the context, possibly awaiting cleanup.",
		CalledBy:  []string{"the end of an `async with` block, as `await type(x).__aexit__(x, exc_type, exc_value, traceback)`"},
		Returns:   "An awaitable whose result, when true, suppresses the exception (as for `__exit__`).",
		Pitfalls: []string{
			"Returning `True` unconditionally swallows every exception, including `asyncio.CancelledError`: cancellation then stops working.",
		},
		Since:  "3.5",
		DocURL: objPrefix + "__aexit__",
	},
}
