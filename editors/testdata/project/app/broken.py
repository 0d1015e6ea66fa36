"""A file with a syntax error: the editor tests expect `syntax-error` here."""


def f(:
    pass
