"""Named errors of the store; each message is one line a user can act on."""


class StoreError(Exception):
    """The log cannot be opened or written; ``str(error)`` is the one-line message to show."""


class NotADatabase(StoreError):
    """The file is not an SQLite database, or is empty."""


class CorruptDatabase(StoreError):
    """The file is an SQLite database that is truncated or damaged."""


class ForeignDatabase(StoreError):
    """The file is an SQLite database of another program."""


class NewerSchema(StoreError):
    """The file was written by a newer version of scalp."""


class Unwritable(StoreError):
    """The file or its folder cannot be written (read-only, a directory, no permission, disk full)."""


class Busy(Unwritable):
    """Another process held the write lock (a long import, a backup) past the wait; nothing was written."""


class SessionError(StoreError):
    """A session action that does not fit the session's state (finish a finished one, ...)."""
