"""Names and submodules served by an import hook import fine."""
from hooked import Gtk
import hooked.GLib

from pkg.m import nothing_here  # expect: missing-import-name
