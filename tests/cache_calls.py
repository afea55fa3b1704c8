"""Counting a test's calls to the shared cache."""


class CacheCalls:
    """The calls made to the cache from outside it (a local-memory get_many calls its own get for each key)."""

    def __init__(self):
        self.names: list[str] = []
        self.depth = 0

    def wrap(self, name: str, method):
        def call(*args, **kwargs):
            if self.depth == 0:
                self.names.append(name)
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1

        return call
