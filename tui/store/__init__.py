"""The local SQLite log, through sqlite-utils."""

from tui.store.errors import StoreError
from tui.store.log import Log

__all__ = ["Log", "StoreError"]
