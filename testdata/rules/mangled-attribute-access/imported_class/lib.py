class Conn:
    def __init__(self):
        self.__sock = None


def connect():
    return Conn()
