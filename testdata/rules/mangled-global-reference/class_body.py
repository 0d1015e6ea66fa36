__default = 10


class Config:
    size = __default  # expect: mangled-global-reference
