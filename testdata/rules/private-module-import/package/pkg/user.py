from . import _impl  # expect: private-module-import
from ._impl import _helper  # expect: private-module-import
from ._impl import _listed, public

print(_impl._helper(), _helper(), _listed(), public())  # expect: private-module-import
print(_impl._listed())
