# A package that re-exports its client class.
from .clients import Client as Client
