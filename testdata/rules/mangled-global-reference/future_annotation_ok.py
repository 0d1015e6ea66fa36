# Annotations under `from __future__ import annotations` are never evaluated, so a
# mangled name there raises nothing.
from __future__ import annotations

__T = int


class C:
    def f(self, x: __T) -> __T:
        return x


print(C().f(1))
