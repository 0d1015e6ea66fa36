from base import Base


class Client(Base):
    def conn(self):
        return self.__conn  # expect: mangled-name-mismatch


Client().conn()
