class Base:
    def __init__(self):
        self._state = 0

    def _reset(self):
        self._state = 0
