"""The local SQLite log, through sqlite-utils."""

from tui.store.errors import StoreError

# `scalp status` imports this package at every prompt: no `typing` (mypy reads this name as True).
TYPE_CHECKING = False
if TYPE_CHECKING:  # at run time the Log comes from __getattr__ below
    from tui.store.log import Log

__all__ = ["Log", "StoreError"]


def __getattr__(name: str) -> object:
    # The Log is loaded on first use, so `scalp status` (run on every shell prompt) can
    # import the light store modules (glance, errors) without paying for the Log's imports.
    if name == "Log":
        from tui.store.log import Log

        return Log
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
