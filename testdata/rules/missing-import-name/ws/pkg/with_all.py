__all__ = ["public"]
public = 1
hidden = 2
