def nsfn():
    return "namespace"
