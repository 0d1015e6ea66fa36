globals()["made"] = 1
