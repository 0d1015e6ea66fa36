__all__ = ["visible"]
visible = 1
_hidden = 2
