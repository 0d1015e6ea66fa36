# A subclass in another module, its base reached through a package's re-export and a
# module alias: self.__conn reads _Client__conn, which only the base would have set
# (as _Base__conn).
import pkg as p


class Client(p.Base):
    def conn(self):
        return self.__conn  # expect: mangled-name-mismatch `__conn`


Client().conn()
