"""A package whose submodules are served by a sys.meta_path finder it installs, as
gi.repository serves GLib and Gtk: pyward cannot see them, so it judges nothing."""
import importlib.abc
import importlib.util
import sys
import types


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name.startswith(__name__ + "."):
            return importlib.util.spec_from_loader(name, self)
        return None

    def create_module(self, spec):
        return types.ModuleType(spec.name)

    def exec_module(self, module):
        module.VALUE = 1


sys.meta_path.append(_Finder())
