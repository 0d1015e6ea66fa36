import json.scanner as jscan
from .deep import deep_fn as renamed


def thing():
    return "thing"


class Klass:
    pass


VALUE = 1
ANN: int = 2
for LOOPV in range(1):
    pass
with open(__file__) as WITHV:
    pass
