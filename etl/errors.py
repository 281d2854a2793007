"""The one error type every stage raises for input it cannot use."""


class InputError(Exception):
    """A document that cannot be read or understood.

    ``str(err)`` is one line naming the file and the reason, fit for stderr.
    """

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
