"""The one accepted range and form of every stored field, checked by every way in.

Every entry point (the `log`, `rest` and `stats` commands, every importer, the app's
settings) checks values here before anything is written, and the store's read paths
leave out a row already in the file that breaks these rules (an older version, a hand
edit, another tool), so no stored value can stop the app or a command.

The rules (also in the README):

- a practice day is written ``YYYY-MM-DD`` (ISO, nothing else: no week dates) and lies
  from FIRST_DAY to LAST_DAY;
- a moment is ISO 8601 ``YYYY-MM-DDTHH:MM:SS[.ffffff]`` with its UTC offset, within the
  same years, and nothing before or after it (no trailing NUL or space);
- minutes of a session: a finite number from 0 to MAX_MINUTES;
- a pass number: a whole number from 1 to MAX_PASS_NO; a rating: 1 to 5;
- an id: 1 to MAX_ID letters, digits, ``-``, ``_``, ``.`` or ``:``;
- a text (note, reason, name): at most MAX_TEXT characters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
MAX_MINUTES = 240.0
MAX_PASS_NO = 100
RATING_RANGE = (1, 5)
MAX_ID = 64
MAX_TEXT = 10_000

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})")
_MONTH = re.compile(r"\d{4}-\d{2}")
_ID = re.compile(rf"[0-9A-Za-z_.:-]{{1,{MAX_ID}}}")

#: What a rule says of a value: None when it is fine, else what it should have been.
Rule = Callable[[object], "str | None"]

DAY_WANTED = f"a date written YYYY-MM-DD from {FIRST_DAY} to {LAST_DAY}"
MOMENT_WANTED = f"an ISO 8601 time with its UTC offset, from {FIRST_DAY.year} to {LAST_DAY.year}"


def day_in_range(day: date) -> str | None:
    """None for a day scalp keeps, else what it should have been."""
    return None if FIRST_DAY <= day <= LAST_DAY else f"a day from {FIRST_DAY} to {LAST_DAY}"


def day_problem(value: object) -> str | None:
    """A stored practice day: exactly YYYY-MM-DD, a real date, within the range."""
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return DAY_WANTED
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return DAY_WANTED
    return None if day_in_range(day) is None else DAY_WANTED


def parse_day(value: object) -> date:
    """The date of a stored day; ValueError when it breaks the rules."""
    problem = day_problem(value)
    if problem or not isinstance(value, str):
        raise ValueError(f"{value!r} is not {problem or DAY_WANTED}")
    return date.fromisoformat(value)


def month_problem(text: str) -> str | None:
    """A month given on the command line: YYYY-MM, within the range of days."""
    wanted = f"a month written YYYY-MM from {FIRST_DAY:%Y-%m} to {LAST_DAY:%Y-%m}"
    text = text.strip() if isinstance(text, str) else text
    if not isinstance(text, str) or not _MONTH.fullmatch(text):
        return wanted
    year, month = int(text[:4]), int(text[5:])
    if not 1 <= month <= 12 or day_in_range(date(max(year, 1), month, 1)) is not None:
        return wanted
    return None


def moment_problem(value: object) -> str | None:
    """A stored moment: ISO 8601 with its offset, nothing around it, within the years of days."""
    if not isinstance(value, str) or not _MOMENT.fullmatch(value):
        return MOMENT_WANTED
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return MOMENT_WANTED
    if moment.tzinfo is None or not FIRST_DAY.year <= moment.year <= LAST_DAY.year:
        return MOMENT_WANTED
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return float(value)


def minutes_problem(value: object) -> str | None:
    wanted = f"a number of minutes from 0 to {MAX_MINUTES:g}"
    number = _number(value)
    return None if number is not None and 0 <= number <= MAX_MINUTES else wanted


def pass_problem(value: object) -> str | None:
    wanted = f"a whole number from 1 to {MAX_PASS_NO}"
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_PASS_NO
    return None if ok else wanted


def rating_problem(value: object) -> str | None:
    low, high = RATING_RANGE
    ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    return None if ok else f"a whole number from {low} to {high}"


def id_problem(value: object) -> str | None:
    ok = isinstance(value, str) and _ID.fullmatch(value) is not None
    return None if ok else f"an id of 1 to {MAX_ID} letters, digits, '-', '_', '.' or ':'"


def text_problem(value: object) -> str | None:
    ok = isinstance(value, str) and len(value) <= MAX_TEXT
    return None if ok else f"a text of at most {MAX_TEXT} characters"


def flag_problem(value: object) -> str | None:
    return None if value in (0, 1) and not isinstance(value, float) else "0 or 1"


#: The rule of every stored column that is not free-form, by table and column. Columns of
#: ids that name another row (session_id) follow the id rule; zones, techniques and steps
#: are checked against the routine by the importers, and settings by tui.core.settings_rules.
FIELDS: dict[str, dict[str, Rule]] = {
    "sessions": {
        "id": id_problem,
        "day": day_problem,
        "started_at": moment_problem,
        "ended_at": moment_problem,
        "last_seen_at": moment_problem,
        "oil": flag_problem,
        "note": text_problem,
        "minutes": minutes_problem,
    },
    "pauses": {
        "id": id_problem,
        "session_id": id_problem,
        "paused_at": moment_problem,
        "resumed_at": moment_problem,
    },
    "checks": {
        "id": id_problem,
        "session_id": id_problem,
        "day": day_problem,
        "pass_no": pass_problem,
        "at": moment_problem,
    },
    "ratings": {
        "id": id_problem,
        "session_id": id_problem,
        "value": rating_problem,
        "at": moment_problem,
    },
    "rest_days": {"id": id_problem, "day": day_problem, "reason": text_problem, "created_at": moment_problem},
    "settings": {"updated_at": moment_problem},
    "settings_history": {
        "id": id_problem,
        "valid_from": day_problem,
        "changed_at": moment_problem,
    },
    "step_marks": {"id": id_problem, "session_id": id_problem, "at": moment_problem},
}


def field_problem(table: str, column: str, value: object) -> str | None:
    """What a non-null stored value of ``table.column`` should have been, or None when it is fine."""
    rule = FIELDS.get(table, {}).get(column)
    return rule(value) if rule is not None and value is not None else None


def row_problem(table: str, row: Mapping[str, object]) -> str | None:
    """The first rule a stored row breaks, as ``column must be ...``; None for a good row."""
    for column, value in row.items():
        problem = field_problem(table, column, value)
        if problem:
            return f"{table}.{column} must be {problem}"
    return None
