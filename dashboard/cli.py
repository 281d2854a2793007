"""The `tracker serve` command."""


def register(app) -> None:
    """Add the dashboard commands to the `tracker` app."""
