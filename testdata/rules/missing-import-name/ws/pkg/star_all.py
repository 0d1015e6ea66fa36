from .with_all import *  # noqa: F403
