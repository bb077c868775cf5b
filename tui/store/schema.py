"""The schema of the log, as sqlite-utils migrations applied in order when a file is opened.

Tables (documented for users in the README):

sessions   one row per sitting: id, day (practice day, YYYY-MM-DD), started_at, ended_at,
           last_seen_at (heartbeat of a running session, UTC), technique, oil, note,
           source ("app", "log", "import"), minutes (given by hand for back-filled sessions)
pauses     id, session_id, paused_at, resumed_at (NULL while paused)
checks     one row per zone per pass: id, session_id, day, pass_no, zone, technique, at
ratings    optional self-ratings: id, session_id, phase ("before"/"after"), kind, value 1-5, at
rest_days  planned skips: id, day (unique), reason, created_at
settings   key, value (JSON), updated_at
settings_history  every change of a setting: id, key, value (JSON), valid_from (the practice
           day from which it is in force), changed_at; statistics of a past day read the
           settings in force that day from here (one row per key and day: the day's last value)
step_marks the guided prep and finish steps marked done on the Today screen:
           id, session_id, step (a routine step id, or "passes"), at; one per step per session

Every timestamp is UTC ISO 8601; every id is a random UUID (hex), so two logs merge cleanly.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "scalp"

migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.table("sessions").create(
        {
            "id": str,
            "day": str,
            "started_at": str,
            "ended_at": str,
            "last_seen_at": str,
            "technique": str,
            "oil": int,
            "note": str,
            "source": str,
            "minutes": float,
        },
        pk="id",
        not_null={"day", "started_at", "source"},
        defaults={"oil": 0, "note": "", "source": "app"},
    )
    db.table("sessions").create_index(["day"])
    db.table("pauses").create(
        {"id": str, "session_id": str, "paused_at": str, "resumed_at": str},
        pk="id",
        not_null={"session_id", "paused_at"},
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("pauses").create_index(["session_id"])
    db.table("checks").create(
        {
            "id": str,
            "session_id": str,
            "day": str,
            "pass_no": int,
            "zone": str,
            "technique": str,
            "at": str,
        },
        pk="id",
        not_null={"session_id", "day", "pass_no", "zone", "at"},
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("checks").create_index(["day", "session_id", "pass_no"])
    db.table("checks").create_index(["session_id", "pass_no", "zone"], unique=True)
    db.table("ratings").create(
        {"id": str, "session_id": str, "phase": str, "kind": str, "value": int, "at": str},
        pk="id",
        not_null={"session_id", "phase", "kind", "value", "at"},
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("ratings").create_index(["session_id", "phase", "kind"], unique=True)
    db.table("rest_days").create(
        {"id": str, "day": str, "reason": str, "created_at": str},
        pk="id",
        not_null={"day", "created_at"},
        defaults={"reason": ""},
    )
    db.table("rest_days").create_index(["day"], unique=True)
    db.table("settings").create(
        {"key": str, "value": str, "updated_at": str},
        pk="key",
        not_null={"value", "updated_at"},
    )
    # --- settings history: a change never rewrites the statistics of past days.
    db.table("settings_history").create(
        {"id": str, "key": str, "value": str, "valid_from": str, "changed_at": str},
        pk="id",
        not_null={"key", "value", "valid_from", "changed_at"},
    )
    db.table("settings_history").create_index(["key", "valid_from"], unique=True)
    # Today: which guided steps of a session the user marked done.
    db.table("step_marks").create(
        {"id": str, "session_id": str, "step": str, "at": str},
        pk="id",
        not_null={"session_id", "step", "at"},
        foreign_keys=[("session_id", "sessions", "id")],
    )
    db.table("step_marks").create_index(["session_id", "step"], unique=True)


@migrations(name="0002_sync_journal")
def sync_journal(db: Database) -> None:
    # Sync between computers: the change journal, with every row already here as this
    # device's first operations (tui.store.journal). No row of the tables above changes.
    from tui.store.journal import create_tables

    create_tables(db.conn)


def known_names() -> list[str]:
    """Names of every migration this version of scalp knows, oldest first."""
    return [m.name for m in migrations._migrations]
