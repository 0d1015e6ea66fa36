def __helper():
    return 1


class C:
    def run(self):
        return __helper()  # expect: mangled-global-reference


C().run()
