package dunder

// Class creation and customisation: hooks that run when a class statement
// executes, metaclass hooks and class-level declarations.

const catClass = "Class creation"

var classCreationEntries = []Entry{
	{
		Name:      "__init_subclass__",
		Kind:      ClassMethod,
		Category:  catClass,
		Signature: "def __init_subclass__(cls, /, **kwargs) -> None",
		Summary:   "Runs on a base class whenever a subclass of it is created, with the new subclass as `cls`: register plugins, validate or decorate subclasses without a metaclass.",
		CalledBy: []string{
			"the `class` statement, through `type.__new__`, for the parent of the class being created",
			"keyword arguments of the class statement other than `metaclass` are passed on: `class C(Base, flag=True)`",
		},
		Returns: "`None` (ignored).",
		Pitfalls: []string{
			"It is implicitly a class method: no `@classmethod` decorator is needed.",
			"Call `super().__init_subclass__(**kwargs)` so that other bases in the MRO get their turn; the final `object.__init_subclass__` raises `TypeError` on any keyword argument left over.",
			"It is not called for the class that defines it, only for its subclasses.",
		},
		Since:  "3.6",
		DocURL: objPrefix + "__init_subclass__",
	},
	{
		Name:      "__class_getitem__",
		Kind:      ClassMethod,
		Category:  catClass,
		Signature: "def __class_getitem__(cls, item: Any) -> GenericAlias",
		Summary:   "Makes a class subscriptable, as in `MyList[int]`, to express generic types in annotations.",
		CalledBy: []string{
			"`Cls[item]` when the metaclass has no `__getitem__`",
		},
		Returns: "Usually a generic alias: `types.GenericAlias(cls, item)` (which is what `classmethod(GenericAlias)` gives), or what `typing.Generic` returns.",
		Pitfalls: []string{
			"It is implicitly a class method: no decorator needed.",
			"Meant for type hints only; using it for other class-level indexing is discouraged (use a metaclass `__getitem__`).",
			"Subclassing `typing.Generic[T]` already provides it.",
		},
		Since:  "3.7",
		DocURL: objPrefix + "__class_getitem__",
	},
	{
		Name:      "__mro_entries__",
		Kind:      Method,
		Category:  catClass,
		Signature: "def __mro_entries__(self, bases: tuple[Any, ...]) -> tuple[type, ...]",
		Summary:   "Lets a non-class object appear in the bases of a class statement by saying which classes to use instead; this is how `class C(List[int])` works.",
		CalledBy: []string{
			"the `class` statement (and `types.new_class`), for each base that is not a class",
		},
		Returns: "A tuple of classes that replaces the object in the bases (it may be empty). The original bases are kept in `__orig_bases__`.",
		Pitfalls: []string{
			"`type(name, bases, ns)` does not call it; use `types.new_class` or `types.resolve_bases` to create such classes dynamically.",
		},
		Since:  "3.7",
		DocURL: objPrefix + "__mro_entries__",
	},
	{
		Name:      "__prepare__",
		Kind:      ClassMethod,
		Category:  catClass + ": metaclasses",
		Signature: "@classmethod\ndef __prepare__(metacls, name: str, bases: tuple[type, ...], /, **kwds) -> Mapping[str, object]",
		Summary:   "Defined on a metaclass, creates the namespace in which the class body executes, for example one that records definition order or forbids duplicates.",
		CalledBy: []string{
			"the `class` statement, before the body runs, with the class name, bases and keyword arguments",
		},
		Returns: "A mapping used as the class body's namespace. `type.__prepare__` returns an empty `dict`; the metaclass's `__new__` receives it and must pass a real `dict` on to `type.__new__`.",
		Pitfalls: []string{
			"Unlike `__init_subclass__`, it is not implicit: decorate it with `@classmethod`.",
			"Since Python 3.6 a plain `dict` already keeps definition order, the most common old reason for it.",
		},
		Since:  "3.0",
		DocURL: dmURL + "preparing-the-class-namespace",
	},
	{
		Name:      "__instancecheck__",
		Kind:      Method,
		Category:  catClass + ": metaclasses",
		Signature: "def __instancecheck__(self, instance: Any) -> bool",
		Summary:   "Defined on a metaclass, overrides `isinstance(x, Cls)` for its classes (`self` is the class). `abc.ABCMeta` uses it for virtual subclasses.",
		CalledBy: []string{
			"`isinstance(x, Cls)`, as `type(Cls).__instancecheck__(Cls, x)`",
			"`case Cls():` in a `match` statement",
		},
		Returns: "A truth value; it is converted with `bool()`.",
		Pitfalls: []string{
			"Defining it in the class itself does nothing: it must be on the metaclass.",
			"`isinstance(x, Cls)` returns `True` without calling it when `type(x) is Cls`.",
		},
		Since:  before3,
		DocURL: dmURL + "type.__instancecheck__",
	},
	{
		Name:      "__subclasscheck__",
		Kind:      Method,
		Category:  catClass + ": metaclasses",
		Signature: "def __subclasscheck__(self, subclass: type) -> bool",
		Summary:   "Defined on a metaclass, overrides `issubclass(C, Cls)` for its classes (`self` is the class).",
		CalledBy: []string{
			"`issubclass(C, Cls)`, as `type(Cls).__subclasscheck__(Cls, C)`",
			"`isinstance()` through `ABCMeta.__instancecheck__`",
		},
		Returns: "A truth value; it is converted with `bool()`.",
		Pitfalls: []string{
			"It must be on the metaclass; in an ABC, customise `__subclasshook__` instead.",
		},
		Since:  before3,
		DocURL: dmURL + "type.__subclasscheck__",
	},
	{
		Name:      "__subclasshook__",
		Kind:      ClassMethod,
		Category:  catClass + ": abstract base classes",
		Signature: "@classmethod\ndef __subclasshook__(cls, subclass: type) -> bool",
		Summary:   "Lets an abstract base class (with metaclass `abc.ABCMeta`) decide structurally whether a class counts as its subclass, as `collections.abc.Iterable` accepts any class with `__iter__`.",
		CalledBy: []string{
			"`issubclass(C, ABC)` and `isinstance(x, ABC)`, through `ABCMeta.__subclasscheck__` (results are cached)",
		},
		Returns: "`True` or `False` to decide, or `NotImplemented` to let the normal check (real and registered subclasses) decide.",
		Pitfalls: []string{
			"It must be a `@classmethod`, and it has no effect unless the class's metaclass is `ABCMeta`.",
			"Check `cls is MyABC` first, or the hook also applies to every subclass of the ABC.",
			"Answers are cached per class: changing a class after the first check is not seen.",
		},
		Since:  before3,
		DocURL: libURL + "abc.html#abc.ABCMeta.__subclasshook__",
	},
	{
		Name:      "__subclasses__",
		Kind:      Method,
		Category:  catClass,
		Signature: "def __subclasses__(self) -> list[type]",
		Summary:   "Method of every class (defined on `type`): lists the immediate subclasses that are still alive.",
		CalledBy: []string{
			"your own code, e.g. `Base.__subclasses__()` for plugin discovery; Python does not call it implicitly",
		},
		Returns: "A `list` of direct subclasses, in definition order.",
		Pitfalls: []string{
			"Only direct subclasses are listed: recurse for the whole tree.",
			"Subclasses are held by weak references: a class that was garbage-collected, or defined in a module not yet imported, is absent.",
		},
		Since:  before3,
		DocURL: dmURL + "type.__subclasses__",
	},
	{
		Name:      "__slots__",
		Kind:      Attribute,
		Category:  catClass,
		Signature: "__slots__: str | Iterable[str]",
		Summary:   "Declared in a class body, reserves fixed storage for the listed instance attributes and stops the creation of a per-instance `__dict__` and `__weakref__`, saving memory and speeding attribute access.",
		CalledBy: []string{
			"read once by `type.__new__` when the class is created",
		},
		Returns: "Holds the attribute names; for each one the class gets a member descriptor. A `dict` value also gives each slot a docstring.",
		Pitfalls: []string{
			"Assigning an attribute that is not listed raises `AttributeError`; add `\"__dict__\"` to the slots to allow it.",
			"Instances cannot be weakly referenced unless `\"__weakref__\"` is listed.",
			"A class attribute with the same name as a slot (`x = 0` as default) raises `ValueError` at class creation.",
			"A subclass without its own `__slots__` gets a `__dict__` again; every class in the hierarchy must declare slots (possibly `()`).",
			"Multiple inheritance from two classes with non-empty slots fails with `TypeError: multiple bases have instance lay-out conflict`.",
			"Changing `__slots__` after the class is created has no effect.",
		},
		Since:  before3,
		DocURL: objPrefix + "__slots__",
	},
	{
		Name:      "__classcell__",
		Kind:      Attribute,
		Category:  catClass,
		Signature: "__classcell__: CellType",
		Summary:   "Entry the compiler adds to a class namespace when a method uses `__class__` or zero-argument `super()`; `type.__new__` fills the cell with the new class.",
		CalledBy: []string{
			"the compiler and `type.__new__`; custom metaclasses pass it through in the namespace",
		},
		Returns: "Holds the cell that becomes `__class__` inside the methods.",
		Pitfalls: []string{
			"A metaclass `__new__` that builds a fresh namespace must copy `__classcell__` into it; since Python 3.8 dropping it raises `RuntimeError` at class creation.",
		},
		Since:  "3.6",
		DocURL: dmURL + "creating-the-class-object",
	},
	{
		Name:      "__orig_bases__",
		Kind:      Attribute,
		Category:  catClass,
		Signature: "__orig_bases__: tuple[Any, ...]",
		Summary:   "The bases as written in the class statement, before `__mro_entries__` replaced generic aliases such as `Generic[T]` or `list[int]` by real classes.",
		CalledBy: []string{
			"set by the class statement when a base has `__mro_entries__`",
			"read by `types.get_original_bases()` (3.12+) and by `typing` introspection",
		},
		Returns: "Holds the tuple of original base expressions.",
		Pitfalls: []string{
			"It is only set on classes whose bases needed `__mro_entries__`; otherwise reading it finds a base class's value. Use `types.get_original_bases(cls)`.",
		},
		Since:  "3.7",
		DocURL: libURL + "types.html#types.get_original_bases",
	},
}
