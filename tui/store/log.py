"""The Log: the scalp log on one SQLite file, assembled from its parts.

Each part is a mixin over tui.store.base.LogBase (the connection, routine, clock and
current settings), one module per responsibility:

- tui.store.opening: opening a file, refusing foreign or damaged ones, migrating;
- tui.store.writes: the one transaction helper and the write seam (every row change);
- tui.store.rows: ids, timestamps and row <-> dataclass conversions;
- tui.store.settings_store: saving settings and the timeline of their changes;
- tui.store.sessions: sessions, guided steps and the repair of unattended ones;
- tui.store.checks: check-offs;
- tui.store.marks: self-ratings and rest days;
- tui.store.aggregates: per-day figures over a range (day summaries, zone passes...);
- tui.store.bulk: bulk writes of the command line (rest ranges, generated histories).

Mixins rather than composition: every caller (the app, the commands, the tests)
keeps calling ``log.method(...)`` on one object, unchanged, and the parts share the
connection and the transaction depth without passing them around. Each write is
committed before its method returns, so a caller may report it as saved. Reads use
plain sqlite3; sqlite-utils (which costs an import of click) is loaded only to migrate.
"""

from __future__ import annotations

from tui.store.aggregates import Aggregates
from tui.store.bulk import Bulk
from tui.store.checks import Checks
from tui.store.marks import RATING_KINDS, RATING_PHASES, Marks
from tui.store.opening import BUSY_TIMEOUT_S, Opening
from tui.store.rows import new_id
from tui.store.sessions import Sessions
from tui.store.settings_store import SettingsStore
from tui.store.sqlbase import MIGRATION_SET, MIGRATIONS_TABLE, SQLITE_MAGIC
from tui.store.writes import describe_os_error

__all__ = [
    "BUSY_TIMEOUT_S",
    "MIGRATIONS_TABLE",
    "MIGRATION_SET",
    "RATING_KINDS",
    "RATING_PHASES",
    "SQLITE_MAGIC",
    "Log",
    "describe_os_error",
    "new_id",
]


class Log(Opening, SettingsStore, Sessions, Checks, Marks, Aggregates, Bulk):
    """The scalp log on one SQLite file (or in memory for tests)."""
