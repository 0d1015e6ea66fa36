# A module's top-level __version is an ordinary module attribute.
import lib

print(lib.__version)  # expect: private-module-import
