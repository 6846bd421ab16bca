def add(a, b):
    pass


def greet(name):
    """Say hello."""
    return f"Hello, {name}!"


print(add(2, 3))
