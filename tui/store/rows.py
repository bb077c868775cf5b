"""Rows and ids: how the log's columns turn into the core's dataclasses and back."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from tui.core.models import Check, Pause, Session

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


def dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def session_from_row(row: tuple[Any, ...], pauses: tuple[Pause, ...]) -> Session:
    (sid, day, started, ended, seen, technique, oil, note, source, minutes) = row
    return Session(
        id=sid,
        day=date.fromisoformat(day),
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
    return Check(cid, sid, date.fromisoformat(day), pass_no, zone, dt(at), technique)  # type: ignore[arg-type]


def encode_setting(value: Any) -> Any:
    """A setting's value as JSON can hold it."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value
