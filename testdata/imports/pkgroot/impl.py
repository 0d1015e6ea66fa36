def thing():
    return "thing"


VALUE = 1
