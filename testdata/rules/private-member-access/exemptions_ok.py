import enum
import os
import sys
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, 2)
print(p._asdict(), p._replace(x=3), Point._fields, Point._make([1, 2]), Point._field_defaults)


class Color(enum.Enum):
    RED = 1


print(Color.RED._value_, Color.RED._name_)
exit_function = os._exit
print(sys._getframe().f_lineno)
print(Color._member_map_, Color._member_names_)
