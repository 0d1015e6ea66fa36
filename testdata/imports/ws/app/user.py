"""Every kind of import pyward resolves, used below the import lines too."""
from . import core
from . import helper
from .core import thing
from .core.impl import Klass, VALUE, ANN, LOOPV, WITHV, jscan, renamed
from .core import shadow, only_sub, util
from .core.impl import thing as t2
from .core.starred import pub
from .core.starsrc import *  # noqa: F403
from .beside.typed import both, LIMIT
from .linked.impl import Klass as LinkedKlass
from .linked import deep
import app.core.deep
import app.core.util as cu
from app import run
from nsp import nsmod
import nsp.nsmod
from nsp.nsmod import nsfn
from srcpkg import from_src
import json.decoder
from json import loads
from json.decoder import JSONDecoder as JD

thing()
t2()
Klass()
print(VALUE, ANN, LOOPV, WITHV, jscan, renamed, shadow, only_sub, pub, only_sub_all)
util.f()
util.CONST
core.u
core.thing()
core.shadow
cu.f()
run()
nsmod.nsfn()
from_src()
loads("1")
JD()
json.decoder
both(1)
LIMIT
LinkedKlass()
deep.deep_fn()
nsfn()
helper
app.core.deep.deep_fn()
