def add(a, b):
    """Return the sum of a and b."""
    return a + b


print(add(2, 3))
