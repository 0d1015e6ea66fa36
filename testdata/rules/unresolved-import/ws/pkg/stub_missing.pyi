"""Stubs never run: an import they cannot resolve raises nothing."""
from .nowhere_stub import Thing
import pkg.nowhere_stub_either
