def from_src():
    return "src layout"
