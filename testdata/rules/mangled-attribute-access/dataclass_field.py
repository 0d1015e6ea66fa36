# A dataclass field __x (an annotation alone) is mangled like any name in the class
# body: the generated __init__ stores it as _Point__x.
from dataclasses import dataclass


@dataclass
class Point:
    __x: int


p = Point(1)
print(p.__x)  # expect: mangled-attribute-access
