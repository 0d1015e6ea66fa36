__all__ = ["_hidden", "visible"]
_hidden = 1
visible = 2
