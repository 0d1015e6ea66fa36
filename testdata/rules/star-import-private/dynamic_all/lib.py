_hidden = 1
__all__ = [n for n in ("_hidden", "visible")]
visible = 2
