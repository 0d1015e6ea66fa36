from .m import *  # noqa: F403
