"""Every statistic against a brute-force oracle written plainly here, over random histories.

The histories start around month ends and the 29 February of leap years; the reader is checked
to read only part of the history and still agree with the oracle's full-history answers.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import stats
from tui.core.calendar import add_months
from tui.core.models import DaySummary, Settings
from tui.core.routine import default_routine
from tui.core.stats import History, Target
from tui.store.history import HistoryReader
from tui.store.log import RATING_KINDS

ZONES = ("a", "b", "c")
KINDS = ("stress", "headache")
ONE = timedelta(days=1)


# --- the oracle: the definitions, written as plainly as they read ----------------------------


class Oracle:
    def __init__(self, summaries: dict[date, DaySummary], target: Target) -> None:
        self.s = summaries
        self.n = target.days_per_week
        self.p = target.passes
        self.first = min(summaries) if summaries else None

    def practised(self, d):
        return d in self.s and self.s[d].passes >= 1

    def rest(self, d):
        return d in self.s and self.s[d].rest_reason is not None and not self.practised(d)

    def met(self, d):
        if self.first is None or d < self.first:
            return False
        if self.n == 7:
            return self.practised(d) or self.rest(d)
        held = 0
        for k in range(7):
            day = d - timedelta(days=k)
            if day < self.first or self.practised(day) or self.rest(day):
                held += 1
        return held >= self.n

    def streak(self, d):
        length = 0
        while self.met(d - timedelta(days=length)):
            length += 1
        return length

    def strength(self, d):
        if self.first is None or d < self.first:
            return None
        m = 0.5 ** (math.sqrt(self.n / 7) / 13)
        score = 0.0
        day = self.first
        while day <= d:
            if not self.rest(day):
                if self.n == 7:
                    c = min(1.0, (self.s[day].passes if day in self.s else 0) / self.p)
                else:
                    count = sum(self.practised(day - timedelta(days=k)) for k in range(14))
                    c = min(1.0, count / (2 * self.n))
                score = m * score + (1 - m) * c
            day += ONE
        return score

    def closed(self, today):
        return today if self.practised(today) or self.rest(today) else today - ONE

    def month(self, month: date, today: date):
        first_of_month = month.replace(day=1)
        last_of_month = add_months(first_of_month, 1) - ONE
        end = min(last_of_month, self.closed(today))
        days = []
        if self.first is not None:
            day = max(first_of_month, self.first)
            while day <= end:
                days.append(day)
                day += ONE
        practised = [d for d in days if self.practised(d)]
        rests = [d for d in days if self.rest(d)]
        due = math.floor(Fraction((len(days) - len(rests)) * self.n, 7) + Fraction(1, 2))
        if due == 0:
            consistency = 1.0 if practised else None
        else:
            consistency = min(1.0, len(practised) / due)
        return {
            "start": days[0] if days else None,
            "end": days[-1] if days else None,
            "practised": len(practised),
            "rest": len(rests),
            "due": due,
            "consistency": consistency,
            "current_streak": self.streak(end),
            # A month's longest streak is never below the streak standing in it.
            "longest_streak": max([self.streak(d) for d in days] + [self.streak(end)]),
            "strength": self.strength(end),
            "minutes": sum(self.s[d].minutes for d in days if d in self.s),
            "session_days": [d for d in days if d in self.s and self.s[d].sessions > 0],
            "full": sum(1 for d in practised if self.s[d].passes == self.p),
            "bonus": sum(1 for d in practised if self.s[d].passes > self.p),
        }


# --- random histories ---------------------------------------------------------------------


@st.composite
def histories(draw, max_days: int = 150):
    # Starts from December 2023 to March 2024 cross a year end, month ends and 29 Feb 2024.
    start = draw(st.dates(min_value=date(2023, 11, 20), max_value=date(2024, 3, 10)))
    length = draw(st.integers(min_value=0, max_value=max_days))
    seed = draw(st.integers(min_value=0, max_value=2**32))
    practice = draw(st.floats(min_value=0.0, max_value=1.0))
    rng = random.Random(seed)
    summaries: dict[date, DaySummary] = {}
    zone_passes: dict[date, dict[str, int]] = {}
    ratings: list[stats.Rating] = []
    for i in range(length):
        day = start + timedelta(days=i)
        roll = rng.random()
        if roll < practice:
            passes = rng.choice([0, 1, 2, 3, 3, 3, 4, 5])
            sessions = rng.choice([1, 1, 1, 2])
            rest_reason = rng.choice([None] * 9 + ["ill"])  # now and then practised on a rest day
            summaries[day] = DaySummary(day, passes, passes * 3, round(rng.uniform(1, 12), 2), sessions, rest_reason)
            zone_passes[day] = {z: rng.randint(0, 5) for z in ZONES if rng.random() < 0.9}
            for number in range(sessions):
                for kind in KINDS:
                    for phase in ("before", "after"):
                        if rng.random() < 0.4:
                            ratings.append(stats.Rating(day, f"{day}-{number}", phase, kind, rng.randint(1, 5)))
        elif roll < practice + 0.1:
            summaries[day] = DaySummary(day, rest_reason=rng.choice(["", "travel"]))
    target = Target(draw(st.integers(min_value=1, max_value=7)), draw(st.integers(min_value=1, max_value=4)))
    today = start + timedelta(days=draw(st.integers(min_value=0, max_value=max_days + 10)))
    summaries = {d: s for d, s in summaries.items() if d <= today}
    return summaries, zone_passes, target, today, ratings


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(histories())
def test_streaks_and_strength_match_the_oracle_on_every_day(case):
    summaries, _, target, today, _ = case
    oracle = Oracle(summaries, target)
    history = History.complete(summaries, today)
    if oracle.first is None:
        assert stats.current_streak(history, today, target) == 0
        return
    day = oracle.first - timedelta(days=3)
    while day <= today:
        assert stats.is_met(history, day, target) == oracle.met(day), day
        assert stats.streak_on(history, day, target) == oracle.streak(day), day
        expected = oracle.strength(day)
        got = stats.strength_on(history, day, target)
        assert (got is None) == (expected is None)
        if expected is not None:
            assert abs(got - expected) < 1e-12, day
        day += ONE
    assert stats.current_streak(history, today, target) == oracle.streak(oracle.closed(today))


@PROPERTY
@given(histories(), st.integers(min_value=-3, max_value=1))
def test_month_figures_match_the_oracle(case, shift):
    summaries, zone_passes, target, today, ratings = case
    month = add_months(today.replace(day=1), shift)
    oracle = Oracle(summaries, target)
    expected = oracle.month(month, today)
    got = stats.month_figures(
        History.complete(summaries, today),
        month,
        today,
        target,
        zone_passes=zone_passes,
        zone_ids=ZONES,
        ratings=ratings,
        rating_kinds=KINDS,
    )
    assert (got.start, got.end) == (expected["start"], expected["end"])
    assert (got.practised, got.rest, got.due) == (expected["practised"], expected["rest"], expected["due"])
    assert got.consistency == expected["consistency"]
    assert (got.current_streak, got.longest_streak) == (expected["current_streak"], expected["longest_streak"])
    assert (got.strength is None) == (expected["strength"] is None)
    if got.strength is not None:
        assert abs(got.strength - expected["strength"]) < 1e-12
    assert math.isclose(got.minutes, expected["minutes"], abs_tol=1e-9)
    assert got.session_days == len(expected["session_days"])
    assert (got.full_days, got.bonus_days) == (expected["full"], expected["bonus"])
    # Zones: each zone's share of target passes over the days with a session, by brute force.
    for zone in got.zones:
        done = sum(min(zone_passes.get(d, {}).get(zone.zone, 0), target.passes) for d in expected["session_days"])
        missed = sum(1 for d in expected["session_days"] if zone_passes.get(d, {}).get(zone.zone, 0) == 0)
        assert (zone.passes, zone.missed_days) == (done, missed)
        assert zone.passes_due == len(expected["session_days"]) * target.passes
    # Depth: partial days are practised days short of the target passes.
    assert got.partial_days == expected["practised"] - expected["full"] - expected["bonus"]
    assert got.passes == sum(summaries[d].passes for d in expected["session_days"] if oracle.practised(d))
    if expected["session_days"]:
        assert math.isclose(got.average_minutes, expected["minutes"] / len(expected["session_days"]))
    else:
        assert got.average_minutes is None
    # Neglected: missed on some day or NEGLECT_GAP behind the best share; most missed, then worst share, first.
    shares = {z.zone: Fraction(z.passes, z.passes_due) for z in got.zones if z.passes_due}
    if shares:
        best = max(shares.values())
        lagging = [
            z
            for z in got.zones
            if z.zone in shares and (z.missed_days > 0 or z.passes / z.passes_due <= float(best) - stats.NEGLECT_GAP)
        ]
        lagging.sort(key=lambda z: (-z.missed_days, shares[z.zone]))
        assert [z.zone for z in got.neglected] == [z.zone for z in lagging[:3]]
    else:
        assert got.neglected == ()
    # Ratings: plain means over the counted days, and the change within sessions rated both ways.
    counted = [r for r in ratings if expected["start"] and expected["start"] <= r.day <= expected["end"]]
    for trend in got.ratings:
        mine = [r for r in counted if r.kind == trend.kind]
        before = [r.value for r in mine if r.phase == "before"]
        after = [r.value for r in mine if r.phase == "after"]
        pairs = {}
        for r in mine:
            pairs.setdefault(r.session_id, {})[r.phase] = r.value
        changes = [p["after"] - p["before"] for p in pairs.values() if len(p) == 2]
        assert (trend.before_count, trend.after_count, trend.paired) == (len(before), len(after), len(changes))
        for value, values in ((trend.before, before), (trend.after, after), (trend.change, changes)):
            assert (value is None) == (not values)
            if values:
                assert math.isclose(value, sum(values) / len(values))


# --- the reader reads part of the history and still agrees ---------------------------------


class FakeLog:
    """Just enough of the Log for the HistoryReader, counting the days each read covers."""

    def __init__(self, summaries, zone_passes, target: Target, today: date) -> None:
        self.summaries = summaries
        self.passes = zone_passes
        self._today = today
        self.routine = default_routine()
        self._settings = Settings.from_routine(self.routine).with_values(
            days_per_week=target.days_per_week, passes=target.passes
        )
        self.read_days = 0
        self.reads: list[tuple[date, date]] = []

    def today(self):
        return self._today

    def settings(self):
        return self._settings

    def settings_timeline(self):
        from tui.core.settings_history import SettingsTimeline

        return SettingsTimeline(self._settings, ())

    @property
    def conn(self):
        # The reader asks whether a session lies after today (a time zone ahead): none here.
        import sqlite3

        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE sessions (day TEXT)")
        return conn

    def first_day(self):
        return min(self.summaries) if self.summaries else None

    def day_summaries(self, start, end):
        self.read_days += (end - start).days + 1
        self.reads.append((start, end))
        return {d: s for d, s in self.summaries.items() if start <= d <= end}

    def zone_passes(self, start, end):
        return {d: p for d, p in self.passes.items() if start <= d <= end}

    def ratings_between(self, start, end):
        return []


def long_history(seed: int, years: int, perfect: bool) -> tuple[dict[date, DaySummary], date]:
    """Years of history (so strength is truncated and streaks outrun the first read), from a seed."""
    rng = random.Random(seed)
    today = date(2024, 3, 1) + timedelta(days=rng.randint(0, 400))
    summaries = {}
    day = today - timedelta(days=365 * years)
    while day < today:
        if perfect or rng.random() < 0.9:
            summaries[day] = DaySummary(day, passes=rng.choice([2, 3, 3, 4]), sessions=1, minutes=9)
        elif rng.random() < 0.5:
            summaries[day] = DaySummary(day, rest_reason="travel")
        day += ONE
    return summaries, today


@settings(max_examples=15, deadline=None)
@given(
    st.integers(min_value=0, max_value=2**32),
    st.integers(min_value=1, max_value=5),
    st.booleans(),
    st.sampled_from([1, 3, 5, 7]),
    st.integers(min_value=0, max_value=14),
)
def test_the_reader_agrees_with_the_full_history(seed, years, perfect, days_per_week, months_back):
    summaries, today = long_history(seed, years, perfect)
    target = Target(days_per_week, 3)
    log = FakeLog(summaries, {}, target, today)
    month = add_months(today.replace(day=1), -months_back)
    review = HistoryReader(log).month_review(month)
    oracle = Oracle(summaries, target)
    expected = oracle.month(month, today)
    assert review.current.current_streak == expected["current_streak"]
    assert review.current.longest_streak == expected["longest_streak"]
    assert review.current.practised == expected["practised"]
    if expected["strength"] is not None:
        # Older days are left out only where they weigh less than epsilon.
        assert abs(review.current.strength - expected["strength"]) <= stats.STRENGTH_EPSILON
    full = stats.month_review(
        History.complete(summaries, today),
        month,
        today,
        target,
        zone_passes={},
        zone_ids=log.routine.zone_ids,
        rating_kinds=RATING_KINDS,
    )
    assert review.current.strength == full.current.strength  # the start point depends on the data only
    assert review == full


def test_the_reader_reads_what_is_shown_not_the_whole_history():
    rng = random.Random(4)
    today = date(2026, 11, 22)
    summaries = {}
    for i in range(20 * 365):
        day = today - timedelta(days=i + 1)
        if rng.random() < 0.85:
            summaries[day] = DaySummary(day, passes=3, sessions=1, minutes=9)
    log = FakeLog(summaries, {}, Target(), today)
    HistoryReader(log).month_review(today.replace(day=1))
    assert log.read_days < 2 * 365


def test_an_old_month_reads_its_own_days_not_all_since():
    rng = random.Random(5)
    today = date(2026, 11, 22)
    summaries = {}
    for i in range(20 * 365):
        day = today - timedelta(days=i + 1)
        if rng.random() < 0.85:
            summaries[day] = DaySummary(day, passes=3, sessions=1, minutes=9)
    log = FakeLog(summaries, {}, Target(), today)
    reader = HistoryReader(log)
    reader.month_review(today)
    before = log.read_days
    old = date(2011, 5, 1)
    review = reader.month_review(old)
    assert log.read_days - before < 2 * 365
    oracle = Oracle(summaries, Target()).month(old, today)
    assert (review.current.practised, review.current.longest_streak) == (oracle["practised"], oracle["longest_streak"])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=60)),
        min_size=1,
        max_size=8,
    )
)
def test_the_reader_reads_each_day_once_and_everything_asked(requests):
    today = date(2026, 11, 22)
    first = today - timedelta(days=400)
    log = FakeLog({first: DaySummary(first, passes=3, sessions=1)}, {}, Target(), today)
    reader = HistoryReader(log)
    asked = set()
    for back, length in requests:
        start = today - timedelta(days=back)
        end = start + timedelta(days=length)
        reader.summaries(start, end)
        asked |= {start + timedelta(days=i) for i in range(length + 1)}
    read = [start + timedelta(days=i) for start, end in log.reads for i in range((end - start).days + 1)]
    assert len(read) == len(set(read))  # no day read twice
    assert asked <= set(read)
    history = reader.history()
    for day in asked:
        history.get(day)  # known: no NeedHistory
