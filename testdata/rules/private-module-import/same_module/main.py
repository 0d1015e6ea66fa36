import main
import helpers

_local = 1


def f():
    return main._local


print(helpers._util())  # expect: private-module-import
