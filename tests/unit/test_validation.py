"""The stored fields' rules, checked against an independent oracle."""

from __future__ import annotations

import re
from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from tui.core import validation as v


def oracle_day(value) -> bool:
    if not isinstance(value, str) or len(value) != 10 or not all(ch.isascii() for ch in value):
        return False
    if value[4] != "-" or value[7] != "-" or not (value[:4] + value[5:7] + value[8:]).isdigit():
        return False
    try:
        day = date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        return False
    return date(2000, 1, 1) <= day <= date(2099, 12, 31)


def oracle_moment(value) -> bool:
    pattern = r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d{1,6})?(Z|[+-](\d\d):(\d\d))"
    if not isinstance(value, str) or not value.isascii():
        return False
    found = re.fullmatch(pattern, value)
    if not found:
        return False
    year, month, day, hour, minute, second = (int(found.group(i)) for i in range(1, 7))
    try:
        datetime(year, month, day, hour, minute, second)
    except ValueError:
        return False
    if found.group(9) is not None and (int(found.group(9)) > 23 or int(found.group(10)) > 59):
        return False
    return 2000 <= year <= 2099


DAYISH = st.one_of(
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
    st.text(alphabet="0123456789-W ", min_size=8, max_size=12),
    st.dates().map(lambda d: d.isoformat() + "\x00"),
    st.dates().map(lambda d: d.isocalendar()).map(lambda c: f"{c[0]:04d}-W{c[1]:02d}-{c[2]}"),
)
MOMENTISH = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2)).map(lambda m: m.isoformat() + "+00:00"),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2110, 1, 1)).map(
        lambda m: m.isoformat(timespec="microseconds") + "+00:00"
    ),
    st.datetimes(min_value=datetime(1990, 1, 1)).map(lambda m: m.isoformat(timespec="seconds") + "Z"),
    st.datetimes().map(lambda m: m.isoformat(timespec="seconds")),
    st.datetimes().map(lambda m: m.isoformat(timespec="seconds") + "+00:00\x00"),
    st.text(alphabet="0123456789-:T.+Z ", min_size=18, max_size=34),
)


@given(DAYISH)
def test_day_rule_matches_the_oracle(value):
    assert (v.day_problem(value) is None) == oracle_day(value)


@given(MOMENTISH)
def test_moment_rule_matches_the_oracle(value):
    assert (v.moment_problem(value) is None) == oracle_moment(value)


def test_numbers_and_ids():
    assert v.minutes_problem(240) is None and v.minutes_problem(0.0) is None
    for bad in (float("nan"), float("inf"), -0.5, 240.01, 9.2e18, True, "5"):
        assert v.minutes_problem(bad) is not None
    assert v.pass_problem(1) is None and v.pass_problem(100) is None
    assert all(v.pass_problem(bad) for bad in (0, 101, 2.0, True))
    assert v.rating_problem(5) is None and all(v.rating_problem(bad) for bad in (0, 6, 3.0))
    assert v.id_problem("ab12") is None and all(v.id_problem(bad) for bad in ("", "a b", "x" * 65, "a\x00"))
    assert v.month_problem("2026-11") is None
    assert all(v.month_problem(bad) for bad in ("0001-01", "2026-13", "2026-1", "2100-01", "1999-12"))
