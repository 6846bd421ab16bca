"""A token-bucket rate limiter for outgoing API calls."""
import threading
import time


class RateLimiter:
    """Allows `rate` calls per second, with bursts of up to `burst` calls."""

    def __init__(self, rate, burst=1):
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = max(1, burst)
        self.tokens = float(self.burst)
        self.updated = time.monotonic()
        self.lock = threading.Lock()

    def __repr__(self):
        return f"RateLimiter(rate={self.rate}, burst={self.burst})"

    def _refill(self):
        now = time.monotonic()
        elapsed = now - self.updated
        self.tokens = min(self.burst, self.tokens + elapsed * self.rate)
        self.updated = now

    def try_acquire(self):
        with self.lock:
            self._refill()
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False

    def acquire(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.try_acquire():
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(1 / self.rate)
        return True

    def available(self):
        with self.lock:
            self._refill()
            return int(self.tokens)


def limited(limiter):
    def wrap(func):
        def call(*args, **kwargs):
            limiter.acquire()
            return func(*args, **kwargs)
        return call
    return wrap
