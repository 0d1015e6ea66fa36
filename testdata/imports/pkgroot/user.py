from . import impl
from .impl import thing, VALUE
from . import thing as t2

thing()
impl.VALUE
t2()
