class Base:
    def __init__(self):
        self._Sub__x = 1
