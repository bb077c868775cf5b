"""A hybrid logical clock: wall-clock milliseconds plus a counter, so causality orders operations.

A clock reading is text that sorts as it compares (``"0001764600000000.0003"``): thirteen
digits of milliseconds since 1970, zero-padded to sixteen, a dot, and a four-digit counter.
Every operation a device makes gets a reading later than any reading it has made or seen,
so an edit made after seeing another computer's change is always ordered after it, even
when that computer's wall clock runs ahead.
"""

from __future__ import annotations

from datetime import datetime

COUNTER_LIMIT = 10_000
_WIDTH = 16


def reading(millis: int, counter: int = 0) -> str:
    """The text of a clock reading."""
    return f"{millis:0{_WIDTH}d}.{counter:04d}"


def parse(text: str) -> tuple[int, int]:
    """Milliseconds and counter of a reading; ValueError when it is not one."""
    millis, dot, counter = text.partition(".")
    if not dot or len(millis) != _WIDTH or len(counter) != 4 or not millis.isdigit() or not counter.isdigit():
        raise ValueError(f"not a clock reading: {text!r}")
    return int(millis), int(counter)


def is_reading(text: object) -> bool:
    """Whether ``parse`` takes it: sixteen decimal digits, a dot, four (what int() reads, as parse does)."""
    return (
        isinstance(text, str)
        and len(text) == _WIDTH + 5
        and text[_WIDTH] == "."
        and text[:_WIDTH].isdecimal()
        and text[_WIDTH + 1 :].isdecimal()
    )


def millis_of(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def tick(last: str | None, now: datetime) -> str:
    """The next reading for a local operation: after ``last`` (made or seen) and not before ``now``."""
    wall = millis_of(now)
    if last is None:
        return reading(wall)
    l_millis, l_counter = parse(last)
    if wall > l_millis:
        return reading(wall)
    if l_counter + 1 < COUNTER_LIMIT:
        return reading(l_millis, l_counter + 1)
    return reading(l_millis + 1)  # the counter is full: borrow a millisecond from the future


def later(a: str | None, b: str | None) -> str | None:
    """The later of two readings (None counts as earliest)."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)
