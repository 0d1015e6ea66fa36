# The exemption follows the receiver's class: inside Mine, which has a _bar of its own,
# Other()._bar is still another class's private member. `text` after the rule is the
# finding's span.
class Other:
    def __init__(self):
        self._bar = 0


class Mine:
    _bar = 0

    def __init__(self):
        self._bar = 0

    def peek(self):
        return Other()._bar  # expect: private-member-access `_bar`

    def peek_annotated(self, other: Other):
        return other._bar  # expect: private-member-access `_bar`

    def peek_local(self):
        o = Other()
        return o._bar  # expect: private-member-access `_bar`

    def own(self, twin: "Mine"):
        return self._bar + type(self)._bar + Mine()._bar + twin._bar

    @classmethod
    def klass(cls):
        return cls._bar


class Sub(Mine):
    def up(self):
        return super()._bar + self._bar


m = Mine()
print(m.peek(), m.peek_annotated(Other()), m.peek_local(), m.own(m), Mine.klass(), Sub().up())
