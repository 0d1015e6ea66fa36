__version = "1.0"


class Conn:
    __version = "2.0"
