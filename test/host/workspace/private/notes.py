PRIVATE_NOTE = "not for any model"

def private_helper(x):
    return x
