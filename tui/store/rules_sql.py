"""The stored fields' rules (tui.core.validation) as SQL, so read paths can leave odd rows out.

A row already in the file that breaks the rules (an older version, a hand edit, another
tool) must not stop the app or a command: the store's reads add ``valid(table, alias)``
to their WHERE clause, and ``odd_rows`` counts what is left out, for a one-line notice.
The predicates are tested against the Python rules they mirror.
"""

from __future__ import annotations

import sqlite3

from tui.core.validation import FIRST_DAY, LAST_DAY, MAX_ID, MAX_MINUTES, MAX_PASS_NO, MAX_TEXT, RATING_RANGE

_D = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
_T = "T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]"


def _no_nul(col: str) -> str:
    # GLOB and the date functions read text up to a NUL; the byte length sees all of it.
    return f"instr(CAST({col} AS BLOB), X'00') = 0"


def day_sql(col: str) -> str:
    return (
        f"(typeof({col}) = 'text' AND length(CAST({col} AS BLOB)) = 10 AND {col} GLOB '{_D}'"
        f" AND date({col}) IS {col} AND {col} BETWEEN '{FIRST_DAY}' AND '{LAST_DAY}')"
    )


def moment_sql(col: str) -> str:
    return (
        f"(typeof({col}) = 'text' AND {_no_nul(col)} AND length({col}) BETWEEN 20 AND 32"
        f" AND ({col} GLOB '{_D}{_T}[+-][0-9][0-9]:[0-9][0-9]' OR {col} GLOB '{_D}{_T}Z'"
        f" OR {col} GLOB '{_D}{_T}.[0-9]*[+-][0-9][0-9]:[0-9][0-9]' OR {col} GLOB '{_D}{_T}.[0-9]*Z')"
        f" AND (length({col}) <= 26 OR substr({col}, 20, 1) = '.')"
        f" AND julianday(substr({col}, 1, 19)) IS NOT NULL"
        f" AND date(substr({col}, 1, 10)) IS substr({col}, 1, 10)"
        f" AND substr({col}, 12, 8) = time(substr({col}, 12, 8))"
        f" AND substr({col}, 1, 4) BETWEEN '{FIRST_DAY.year}' AND '{LAST_DAY.year}')"
    )


def _between(col: str, low: float, high: float, kinds: str) -> str:
    return f"(typeof({col}) IN ({kinds}) AND {col} BETWEEN {low} AND {high})"


def _nullable(col: str, rule: str) -> str:
    return f"({col} IS NULL OR {rule})"


def _id_sql(col: str) -> str:
    return (
        f"(typeof({col}) = 'text' AND {_no_nul(col)} AND length({col}) BETWEEN 1 AND {MAX_ID}"
        f" AND {col} NOT GLOB '*[^0-9A-Za-z_.:-]*')"
    )


def _text_sql(col: str) -> str:
    return f"(typeof({col}) = 'text' AND length({col}) <= {MAX_TEXT})"


def _columns(table: str, a: str) -> list[str]:
    """The predicates of one table's row, its columns named with the alias ``a``."""
    c = f"{a}." if a else ""
    low, high = RATING_RANGE
    rules = {
        "sessions": [
            _id_sql(f"{c}id"),
            day_sql(f"{c}day"),
            moment_sql(f"{c}started_at"),
            _nullable(f"{c}ended_at", moment_sql(f"{c}ended_at")),
            _nullable(f"{c}last_seen_at", moment_sql(f"{c}last_seen_at")),
            _nullable(f"{c}oil", f"{c}oil IN (0, 1)"),
            _nullable(f"{c}note", _text_sql(f"{c}note")),
            _nullable(f"{c}minutes", _between(f"{c}minutes", 0, MAX_MINUTES, "'integer', 'real'")),
        ],
        "pauses": [
            _id_sql(f"{c}id"),
            moment_sql(f"{c}paused_at"),
            _nullable(f"{c}resumed_at", moment_sql(f"{c}resumed_at")),
        ],
        "checks": [
            _id_sql(f"{c}id"),
            day_sql(f"{c}day"),
            _between(f"{c}pass_no", 1, MAX_PASS_NO, "'integer'"),
            moment_sql(f"{c}at"),
        ],
        "ratings": [_id_sql(f"{c}id"), _between(f"{c}value", low, high, "'integer'"), moment_sql(f"{c}at")],
        "rest_days": [
            _id_sql(f"{c}id"),
            day_sql(f"{c}day"),
            _nullable(f"{c}reason", _text_sql(f"{c}reason")),
            moment_sql(f"{c}created_at"),
        ],
        "settings_history": [_id_sql(f"{c}id"), day_sql(f"{c}valid_from"), moment_sql(f"{c}changed_at")],
        "step_marks": [_id_sql(f"{c}id"), moment_sql(f"{c}at")],
    }
    return rules.get(table, [])


#: Tables whose rows hang from a session: left out with it.
CHILDREN = ("pauses", "checks", "ratings", "step_marks")


def valid(table: str, alias: str = "") -> str:
    """An SQL condition true for the rows of ``table`` that keep every rule (and, for a
    session's rows, whose session does too); "1" for a table without rules."""
    parts = _columns(table, alias)
    if table in CHILDREN:
        c = f"{alias}." if alias else ""
        good_sessions = " AND ".join(_columns("sessions", "s"))
        parts.append(f"{c}session_id IN (SELECT s.id FROM sessions s WHERE {good_sessions})")
    return "(" + " AND ".join(parts) + ")" if parts else "1"


def odd_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """How many rows of each table break the rules (only tables with some), read-only."""
    found = {}
    for table in ("sessions", *CHILDREN, "rest_days", "settings_history"):
        try:
            count = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE NOT {valid(table)}").fetchone()[0]
        except sqlite3.Error:
            continue  # a table this version does not have yet
        if count:
            found[table] = count
    return found


def odd_rows_notice(found: dict[str, int]) -> str | None:
    """One line about the rows left out, or None when there are none."""
    if not found:
        return None
    total = sum(found.values())
    where = ", ".join(f"{table} {count}" for table, count in found.items())
    rows = "1 row breaks" if total == 1 else f"{total} rows break"
    return f"{rows} the log's rules and {'is' if total == 1 else 'are'} left out of the figures ({where})"
