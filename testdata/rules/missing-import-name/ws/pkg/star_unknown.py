from json import *  # noqa: F403  (json is not among this workspace's roots)
