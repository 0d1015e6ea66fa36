from .coros import fetch as fetch_again  # a re-export
