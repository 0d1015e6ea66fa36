from .coros import *
