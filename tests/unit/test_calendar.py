"""Practice-day arithmetic: day start, time zones and DST, month and year steps."""

from datetime import date, datetime, time, timedelta, timezone

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from tui.core.calendar import (
    add_months,
    day_start_moment,
    month_end,
    parse_date,
    parse_month,
    practice_day,
    year_window,
)

BERLIN = tz.gettz("Europe/Berlin")
NEW_YORK = tz.gettz("America/New_York")


def test_one_in_the_morning_counts_for_the_day_before():
    moment = datetime(2026, 3, 10, 1, 0, tzinfo=BERLIN)
    assert practice_day(moment, time(4), BERLIN) == date(2026, 3, 9)


def test_after_day_start_counts_for_the_same_day():
    moment = datetime(2026, 3, 10, 4, 0, tzinfo=BERLIN)
    assert practice_day(moment, time(4), BERLIN) == date(2026, 3, 10)


def test_the_day_follows_the_local_wall_clock_not_utc():
    # 23:30 in New York is already the next day in UTC.
    moment = datetime(2026, 7, 1, 23, 30, tzinfo=NEW_YORK)
    assert practice_day(moment, time(0), NEW_YORK) == date(2026, 7, 1)
    assert practice_day(moment, time(0), timezone.utc) == date(2026, 7, 2)


def test_naive_moments_are_refused():
    with pytest.raises(ValueError, match="naive"):
        practice_day(datetime(2026, 1, 1, 12, 0))


@pytest.mark.parametrize(
    "day",
    [date(2026, 3, 29), date(2026, 10, 25), date(2026, 3, 8), date(2026, 11, 1)],  # EU and US DST days
)
@pytest.mark.parametrize("zone", [BERLIN, NEW_YORK])
def test_dst_days_neither_split_nor_merge(day, zone):
    # Every moment between one day's start and the next day's start belongs to that day.
    start = day_start_moment(day, time(4), zone)
    end = day_start_moment(day + timedelta(days=1), time(4), zone)
    assert 23 * 3600 <= (end - start).total_seconds() <= 25 * 3600
    moment = start
    while moment < end:
        assert practice_day(moment, time(4), zone) == day
        moment += timedelta(minutes=17)
    assert practice_day(end, time(4), zone) == day + timedelta(days=1)


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(timezone.utc)),
    st.integers(min_value=0, max_value=23),
    st.sampled_from([BERLIN, NEW_YORK, timezone.utc, tz.gettz("Australia/Lord_Howe"), tz.gettz("Asia/Kolkata")]),
)
def test_practice_day_matches_a_plain_oracle(moment, hour, zone):
    local = moment.astimezone(zone)
    oracle = local.date() if local.hour >= hour else local.date() - timedelta(days=1)
    assert practice_day(moment, time(hour), zone) == oracle


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)), st.integers(-30, 30))
def test_add_months_lands_in_the_right_month_and_clamps(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, month_end(moved).day)


def test_month_end_handles_leap_years():
    assert month_end(date(2028, 2, 10)) == date(2028, 2, 29)
    assert month_end(date(2026, 2, 10)) == date(2026, 2, 28)


def test_year_window_covers_whole_weeks():
    start, end = year_window(date(2026, 11, 22), weeks=53, week_start=0)
    assert end == date(2026, 11, 22)
    assert start.weekday() == 0
    assert (end - start).days // 7 == 52


@pytest.mark.parametrize("text", ["2026-13-01", "yesterday", "2026/01/01", ""])
def test_parse_date_refuses(text):
    with pytest.raises(ValueError, match="not a date"):
        parse_date(text)


@pytest.mark.parametrize("text", ["2026-13", "26-01", "2026", "x"])
def test_parse_month_refuses(text):
    with pytest.raises(ValueError, match="not a month"):
        parse_month(text)
