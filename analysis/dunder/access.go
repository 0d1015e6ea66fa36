package dunder

// Attribute access, module attribute hooks and descriptors.

const catAccess = "Attribute access"
const catDescriptor = "Descriptors"

var attributeAccessEntries = []Entry{
	{
		Name:      "__getattr__",
		Kind:      Method,
		Category:  catAccess,
		Signature: "def __getattr__(self, name: str) -> Any",
		Summary:   "Fallback for attribute reads: supplies attributes that normal lookup did not find.",
		CalledBy: []string{
			"`x.name`, `getattr(x, \"name\")` and `hasattr(x, \"name\")`, only after `__getattribute__` raised `AttributeError`",
		},
		Returns: "The attribute's value, or raise `AttributeError` for names it does not provide.",
		Pitfalls: []string{
			"It runs only when normal lookup fails, not on every access (that is `__getattribute__`).",
			"Raise `AttributeError`, never `KeyError` or return `None`: `hasattr()`, `getattr(x, n, default)`, `copy` and `pickle` depend on it.",
			"Touching `self.something` inside it that is not set yet (during `__init__`, unpickling or copying) recurses until `RecursionError`.",
			"A property whose getter raises `AttributeError` silently falls through to `__getattr__`, hiding the real error.",
			"Special methods are looked up on the type and never reach `__getattr__`: a proxy cannot forward `len(x)` this way.",
		},
		Since:  before3,
		DocURL: objPrefix + "__getattr__",
	},
	{
		Name:      "__getattribute__",
		Kind:      Method,
		Category:  catAccess,
		Signature: "def __getattribute__(self, name: str) -> Any",
		Summary:   "Runs on every attribute read of an instance; `object.__getattribute__` implements normal lookup (data descriptors, instance `__dict__`, class attributes, non-data descriptors).",
		CalledBy: []string{
			"every `x.name` and `getattr(x, \"name\")`",
			"not by implicit special method lookup (`len(x)`, `x + y`), which goes straight to the type",
		},
		Returns: "The attribute's value, or raise `AttributeError`, which makes Python try `__getattr__`.",
		Pitfalls: []string{
			"Any `self.attr` inside it calls it again: delegate with `object.__getattribute__(self, name)` or `super().__getattribute__(name)`.",
			"It slows down every attribute access of the class; `__getattr__` is usually what you want.",
		},
		Since:  before3,
		DocURL: objPrefix + "__getattribute__",
	},
	{
		Name:      "__setattr__",
		Kind:      Method,
		Category:  catAccess,
		Signature: "def __setattr__(self, name: str, value: Any) -> None",
		Summary:   "Runs on every attribute assignment to an instance, replacing normal storage.",
		CalledBy: []string{
			"`x.name = value`, `setattr(x, \"name\", value)`, including assignments in `__init__`",
		},
		Returns: "`None` (the result is ignored).",
		Pitfalls: []string{
			"`self.name = value` inside it recurses forever: store with `super().__setattr__(name, value)` or `object.__setattr__(self, name, value)`.",
			"It also intercepts the assignments in your own `__init__`.",
			"Writing to `self.__dict__` directly bypasses data descriptors such as properties.",
		},
		Since:  before3,
		DocURL: objPrefix + "__setattr__",
	},
	{
		Name:      "__delattr__",
		Kind:      Method,
		Category:  catAccess,
		Signature: "def __delattr__(self, name: str) -> None",
		Summary:   "Runs on every attribute deletion from an instance.",
		CalledBy: []string{
			"`del x.name`, `delattr(x, \"name\")`",
		},
		Returns: "`None`; raise `AttributeError` when the attribute does not exist.",
		Pitfalls: []string{
			"Delegate with `super().__delattr__(name)`; `del self.name` inside it recurses.",
			"Not to be confused with `__del__` (finalisation) or `__delete__` (descriptor deletion).",
		},
		Since:  before3,
		DocURL: objPrefix + "__delattr__",
	},
	{
		Name:      "__dir__",
		Kind:      Method,
		Category:  catAccess,
		Signature: "def __dir__(self) -> Iterable[str]",
		Summary:   "Lists the attribute names of the object, for `dir()` and tab completion.",
		CalledBy: []string{
			"`dir(x)`",
			"REPL and IDE completion that relies on `dir()`",
		},
		Returns: "An iterable of names; `dir()` converts it to a list and sorts it.",
		Pitfalls: []string{
			"Names served by `__getattr__` are not listed unless `__dir__` adds them; start from `super().__dir__()`.",
		},
		Since:  before3,
		DocURL: objPrefix + "__dir__",
	},
	{
		Name:      "__getattr__",
		Kind:      ModuleHook,
		Category:  catAccess + ": modules",
		Signature: "def __getattr__(name: str) -> Any",
		Summary:   "Defined at module level, supplies module attributes that are not found in the module's namespace: lazy imports, deprecation warnings for moved names.",
		CalledBy: []string{
			"`module.name` and `from module import name` when `name` is not a global of the module",
		},
		Returns: "The attribute's value, or raise `AttributeError` for unknown names.",
		Pitfalls: []string{
			"It is not called for names the module's own code uses unqualified (`name` inside the module): only for access through the module object.",
			"Raise `AttributeError` for unknown names, otherwise `hasattr(module, ...)` and `from module import *` misbehave.",
		},
		Since:  "3.7",
		DocURL: dmURL + "module.__getattr__",
	},
	{
		Name:      "__dir__",
		Kind:      ModuleHook,
		Category:  catAccess + ": modules",
		Signature: "def __dir__() -> list[str]",
		Summary:   "Defined at module level, replaces the list of names `dir(module)` shows; pairs with a module `__getattr__`.",
		CalledBy: []string{
			"`dir(module)`",
		},
		Returns:  "A sequence of `str` names.",
		Pitfalls: []string{"It takes no arguments, unlike the method `__dir__(self)`.", "It does not affect `from module import *`, which uses `__all__`."},
		Since:    "3.7",
		DocURL:   dmURL + "module.__dir__",
	},
}

var descriptorEntries = []Entry{
	{
		Name:      "__get__",
		Kind:      Method,
		Category:  catDescriptor,
		Signature: "def __get__(self, instance: Any, owner: type | None = None) -> Any",
		Summary:   "Makes an object stored as a class attribute a descriptor: its value is computed when the attribute is read. This is how methods, `property`, `classmethod` and `staticmethod` work.",
		CalledBy: []string{
			"`obj.attr` where `attr` is a descriptor in `type(obj)`'s MRO: `__get__(obj, type(obj))`",
			"`Cls.attr`: `__get__(None, Cls)`",
		},
		Returns: "The attribute's value; by convention the descriptor itself when `instance` is `None`. Raise `AttributeError` when there is no value.",
		Pitfalls: []string{
			"Descriptors work only as class attributes; one stored in an instance's `__dict__` is returned as is.",
			"A descriptor with only `__get__` (non-data) is shadowed by an instance attribute of the same name; defining `__set__` or `__delete__` makes it a data descriptor that wins.",
			"Per-instance state must be kept on the instance (for example under a name learned in `__set_name__`), not on the descriptor, which all instances share.",
		},
		Since:  before3,
		DocURL: objPrefix + "__get__",
	},
	{
		Name:      "__set__",
		Kind:      Method,
		Category:  catDescriptor,
		Signature: "def __set__(self, instance: Any, value: Any) -> None",
		Summary:   "Intercepts assignment to a descriptor attribute on instances; its presence makes a data descriptor, which takes precedence over the instance `__dict__`.",
		CalledBy: []string{
			"`obj.attr = value` where `attr` is a descriptor in `type(obj)`'s MRO",
		},
		Returns: "`None` (ignored). Raise `AttributeError` to make the attribute read-only.",
		Pitfalls: []string{
			"It is not called for `Cls.attr = value`, which simply replaces the descriptor in the class (that would need a metaclass descriptor).",
			"Storing the value on the descriptor (`self.value = value`) shares it across all instances.",
		},
		Since:  before3,
		DocURL: objPrefix + "__set__",
	},
	{
		Name:      "__delete__",
		Kind:      Method,
		Category:  catDescriptor,
		Signature: "def __delete__(self, instance: Any) -> None",
		Summary:   "Intercepts deletion of a descriptor attribute on instances; like `__set__`, its presence makes a data descriptor.",
		CalledBy: []string{
			"`del obj.attr` where `attr` is a descriptor in `type(obj)`'s MRO",
		},
		Returns:  "`None`. Raise `AttributeError` to forbid deletion.",
		Pitfalls: []string{"Not the same as `__del__` (finalisation) or `__delattr__` (every deletion on an instance)."},
		Since:    before3,
		DocURL:   objPrefix + "__delete__",
	},
	{
		Name:      "__set_name__",
		Kind:      Method,
		Category:  catDescriptor,
		Signature: "def __set_name__(self, owner: type, name: str) -> None",
		Summary:   "Tells an attribute object the class and the name it was assigned to in a class body, so a descriptor can know its own name.",
		CalledBy: []string{
			"`type.__new__`, at class creation, for every object in the class namespace that defines it",
		},
		Returns: "`None` (ignored).",
		Pitfalls: []string{
			"It is called only at class creation: assigning a descriptor to a class afterwards (`Cls.x = D()`) requires calling `D.__set_name__(Cls, \"x\")` yourself.",
			"It is looked up on the attribute's type, so defining it on an instance has no effect.",
		},
		Since:  "3.6",
		DocURL: objPrefix + "__set_name__",
	},
}
