__all__ = ["visible"]
visible = 1
helper = 2
