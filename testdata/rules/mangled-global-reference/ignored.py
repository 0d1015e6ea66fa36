__helper = 1


class C:
    v = __helper  # pyward: ignore[mangled-global-reference]
