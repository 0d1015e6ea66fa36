from .impl import thing
