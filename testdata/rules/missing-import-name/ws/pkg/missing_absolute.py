from pkg.m import C
from pkg.m import D  # expect: missing-import-name
