# A comment or an unrelated string that spells the name in quotes must not hide the error.
class Foo:
    def __init__(self):
        self.__token = "t"


label = "'__token' is private"
print(Foo().__token)  # expect: mangled-attribute-access `__token`   ('__token' in a comment)
