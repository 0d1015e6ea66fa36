from .starsrc import *  # noqa: F403
