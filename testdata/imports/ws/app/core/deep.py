def deep_fn():
    return "deep"
