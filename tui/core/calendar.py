"""Practice days and calendar ranges: the date a moment counts for, months and years (dateutil)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from dateutil.relativedelta import relativedelta

#: A clock returns the current moment as an aware datetime; injected so tests fix "now".
Clock = Callable[[], datetime]

DEFAULT_DAY_START = time(4, 0)


def system_clock() -> datetime:
    """The real current moment, in UTC."""
    return datetime.now(timezone.utc)


def local_zone() -> tzinfo:
    """The machine's local time zone, following the TZ environment variable."""
    # dateutil.tz brings zoneinfo, ctypes and sysconfig: imported when first needed, not at start.
    from dateutil import tz as dateutil_tz

    return dateutil_tz.tzlocal()


def to_utc(moment: datetime) -> datetime:
    """An aware moment in UTC; a naive one is refused rather than guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: a moment needs a time zone")
    return moment.astimezone(timezone.utc)


def practice_day(moment: datetime, day_start: time = DEFAULT_DAY_START, zone: tzinfo | None = None) -> date:
    """The practice day a moment belongs to.

    The day is read from the local wall clock in ``zone`` (default: the machine's),
    so DST shifts never move a moment to another day; before ``day_start`` the
    moment still belongs to the previous day (a session at 01:00 counts for yesterday).
    """
    # Without a zone, the standard library's own conversion to the machine's wall clock.
    local = to_utc(moment).astimezone(zone) if zone is not None else to_utc(moment).astimezone()
    if local.time().replace(tzinfo=None) < day_start:
        return local.date() - timedelta(days=1)
    return local.date()


def day_start_moment(day: date, day_start: time = DEFAULT_DAY_START, zone: tzinfo | None = None) -> datetime:
    """The UTC moment a practice day begins (local wall clock ``day_start`` on that date).

    On a DST gap the wall time may not exist; dateutil resolves it to the moment
    after the gap, which is still on the right date.
    """
    from dateutil import tz as dateutil_tz

    zone = zone or local_zone()
    local = datetime.combine(day, day_start, tzinfo=zone)
    if not dateutil_tz.datetime_exists(local):
        local = dateutil_tz.resolve_imaginary(local)
    return local.astimezone(timezone.utc)


def parse_date(text: str) -> date:
    """Parse YYYY-MM-DD (only that form: no ISO week dates); ValueError with a readable message otherwise."""
    try:
        text = text.strip()
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            raise ValueError
        return date.fromisoformat(text)
    except (ValueError, AttributeError, IndexError):
        raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD)") from None


def parse_month(text: str) -> date:
    """Parse YYYY-MM into the first day of that month; ValueError otherwise."""
    try:
        year, month = text.strip().split("-")
        if len(year) != 4:
            raise ValueError
        return date(int(year), int(month), 1)
    except (ValueError, AttributeError):
        raise ValueError(f"not a month: {text!r} (expected YYYY-MM)") from None


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of the month that holds ``day``."""
    return day + relativedelta(day=31)


def add_months(day: date, months: int) -> date:
    """Move by whole months, clamping the day of month (31 Jan + 1 month = 28/29 Feb)."""
    return day + relativedelta(months=months)


def add_years(day: date, years: int) -> date:
    """Move by whole years, clamping 29 Feb to 28 Feb."""
    return day + relativedelta(years=years)


def days(start: date, end: date) -> Iterator[date]:
    """Every date from start to end, both included."""
    current = start
    while current <= end:
        yield current
        current += timedelta(days=1)


def year_window(end: date, weeks: int = 53, week_start: int = 0) -> tuple[date, date]:
    """The heatmap window: ``weeks`` whole weeks ending with the week that holds ``end``.

    ``week_start`` is 0 for Monday, 6 for Sunday (datetime.weekday numbering).
    """
    offset = (end.weekday() - week_start) % 7
    first_of_last_week = end - timedelta(days=offset)
    return first_of_last_week - timedelta(weeks=weeks - 1), end
