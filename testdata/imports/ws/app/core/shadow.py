SHADOW = "the submodule"
