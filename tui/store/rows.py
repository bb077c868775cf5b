"""Rows and ids: how the log's columns turn into the core's dataclasses and back."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from tui.core.models import Check, Pause, Session
from tui.core.validation import day_problem, minutes_problem, moment_problem, pass_problem

SESSION_COLUMNS = "id, day, started_at, ended_at, last_seen_at, technique, oil, note, source, minutes"
CHECK_COLUMNS = "id, session_id, day, pass_no, zone, at, technique"


def new_id() -> str:
    """A random, globally unique row id."""
    return uuid.uuid4().hex


def ts(moment: datetime) -> str:
    """A moment as stored: UTC, ISO 8601, to the microsecond."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def ts_or_none(moment: datetime | None) -> str | None:
    return ts(moment) if moment else None


class OddRow(ValueError):
    """A stored row breaks the stored fields' rules (tui.core.validation): it is left out."""


def stored_day(text: Any) -> date:
    """A stored practice day; OddRow when it breaks the rules (year 1, a week date, a NUL...)."""
    problem = day_problem(text)
    if problem:
        raise OddRow(f"{text!r} is not {problem}")
    return date.fromisoformat(text)


def dt(text: str | None) -> datetime | None:
    """A stored moment (None for none); OddRow when it breaks the rules."""
    if not text:
        return None
    problem = moment_problem(text)
    if problem:
        raise OddRow(f"{text!r} is not {problem}")
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def keep_good(rows: Any, convert: Any, left_out: dict[str, set[Any]], table: str) -> list[Any]:
    """``convert`` applied to each row, leaving out the odd ones (their ids noted in ``left_out``)."""
    kept = []
    for row in rows:
        try:
            kept.append(convert(row))
        except (OddRow, TypeError, ValueError, OverflowError):
            left_out.setdefault(table, set()).add(row[0])
    return kept


def left_out_notice(left_out: dict[str, set[Any]]) -> str | None:
    """One line naming the rows left out of the figures, or None when none was."""
    counts = {table: len(ids) for table, ids in left_out.items() if ids}
    if not counts:
        return None
    total = sum(counts.values())
    where = ", ".join(f"{table} {count}" for table, count in counts.items())
    rows = "1 row breaks" if total == 1 else f"{total} rows break"
    verb = "is" if total == 1 else "are"
    return f"{rows} the log's rules (see the README) and {verb} left out of the figures ({where})"


def session_from_row(row: tuple[Any, ...], pauses: tuple[Pause, ...]) -> Session:
    (sid, day, started, ended, seen, technique, oil, note, source, minutes) = row
    if minutes is not None and minutes_problem(minutes):
        raise OddRow(f"{minutes!r} minutes")
    return Session(
        id=sid,
        day=stored_day(day),
        started_at=dt(started),  # type: ignore[arg-type]  # NOT NULL in the schema
        ended_at=dt(ended),
        last_seen_at=dt(seen),
        technique=technique,
        oil=bool(oil),
        note=note or "",
        source=source,
        minutes=minutes,
        pauses=pauses,
    )


def session_row(s: Session) -> tuple[Any, ...]:
    """A session as the values of SESSION_COLUMNS."""
    return (
        s.id,
        s.day.isoformat(),
        ts(s.started_at),
        ts_or_none(s.ended_at),
        ts_or_none(s.last_seen_at),
        s.technique,
        int(s.oil),
        s.note,
        s.source,
        s.minutes,
    )


def check_from_row(row: tuple[Any, ...]) -> Check:
    """A check from the values of CHECK_COLUMNS."""
    cid, sid, day, pass_no, zone, at, technique = row
    if pass_problem(pass_no):
        raise OddRow(f"pass {pass_no!r}")
    return Check(cid, sid, stored_day(day), pass_no, zone, dt(at), technique)  # type: ignore[arg-type]


def encode_setting(value: Any) -> Any:
    """A setting's value as JSON can hold it."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value
