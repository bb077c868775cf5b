"""Reading what the History screen and `scalp stats` show: per-day data through the Log, figures from tui.core.stats."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from tui.core import stats
from tui.core.calendar import add_months, month_end, month_start
from tui.core.models import DaySummary
from tui.core.validation import LAST_DAY, day_problem
from tui.store.log import RATING_KINDS, Log

T = TypeVar("T")
ONE_DAY = timedelta(days=1)


class HistoryReader:
    """Reads day summaries for the ranges asked for and keeps them, so moving around re-reads only new days.

    What is read is a set of separate date ranges: looking at a year long ago reads that year
    (and what its figures need), never everything between it and today. One reader sees the log
    as it was when the days were read: make a new one after the log changes.
    """

    def __init__(self, log: Log) -> None:
        self.log = log
        self.today = log.today()
        self.settings = log.settings()
        self.timeline = log.settings_timeline()
        # Every past day is judged by the settings in force on it; ``target`` is today's.
        self.targets = stats.TargetTimeline.from_settings(self.timeline)
        self.target = stats.Target.from_settings(self.settings)
        self.first_day = log.first_day()
        self.last_day = _last_session_day(log) if self.first_day is not None else None
        self._days: dict[date, DaySummary] = {}
        self._ranges: list[tuple[date, date]] = []  # read so far: sorted, separate
        self.queries = 0
        """How many range reads were made (the benchmark and tests look at it)."""

    # --- reading ---------------------------------------------------------------------------

    def _load(self, start: date, end: date) -> None:
        """Make sure start..end is read, reading only the parts not read yet."""
        if self.first_day is not None:
            # Nothing lies before the first logged day: never read further back than that.
            start = max(start, self.first_day - timedelta(days=2 * stats.WEEK))
        if start > end:
            return
        cursor = start
        for low, high in self._ranges:
            if high < cursor:
                continue
            if low > end:
                break
            if low > cursor:
                self._read(cursor, low - ONE_DAY)
            cursor = max(cursor, high + ONE_DAY)
            if cursor > end:
                break
        if cursor <= end:
            self._read(cursor, end)
        self._merge(start, end)

    def _read(self, start: date, end: date) -> None:
        self.queries += 1
        self._days.update(self.log.day_summaries(start, end))

    def _merge(self, start: date, end: date) -> None:
        ranges = sorted([*self._ranges, (start, end)])
        merged = [ranges[0]]
        for low, high in ranges[1:]:
            last_low, last_high = merged[-1]
            if low <= last_high + ONE_DAY:
                merged[-1] = (last_low, max(last_high, high))
            else:
                merged.append((low, high))
        self._ranges = merged

    def history(self) -> stats.History:
        """Everything read so far, for the statistics."""
        return stats.History(self._days, self.first_day, tuple(self._ranges), self.last_day)

    def prefetch(self, start: date, end: date, month: date) -> None:
        """Read in one go the days from start to end and those the review of ``month`` needs."""
        review_start, review_end = stats.review_window(month, self.targets)
        if review_start <= end + ONE_DAY and start <= review_end + ONE_DAY:
            self._load(min(start, review_start), max(end, review_end))
        else:
            self._load(start, end)
            self._load(review_start, review_end)

    def summary(self, day: date) -> DaySummary | None:
        """One day's summary (reading it if it was not read yet)."""
        self._load(day, day)
        return self._days.get(day)

    def summaries(self, start: date, end: date) -> dict[date, DaySummary]:
        """The day summaries from start to end, for the heatmap and the month calendar."""
        self._load(start, end)
        return {day: summary for day, summary in self._days.items() if start <= day <= end}

    def _with_history(self, start: date, end: date, compute: Callable[[stats.History], T]) -> T:
        """Run ``compute`` on the days from start to end (and today), reading further back while it asks."""
        low = start
        self._load(self.today, max(self.today, self.last_day or self.today))  # whether today counts yet
        while True:
            self._load(low, end)
            try:
                return compute(self.history())
            except stats.NeedHistory as need:
                if need.since >= low:
                    raise RuntimeError(f"a statistic asked for {need.since}, outside what it was given") from None
                # At least double what is read, so a long streak costs a few reads, not one per step.
                low = min(need.since, low - (end - low + ONE_DAY))

    # --- figures -----------------------------------------------------------------------------

    def month_review(self, month: date) -> stats.MonthReview:
        """The month's review (with the month before), exactly as `scalp stats` prints it."""
        month = month_start(month)
        previous = add_months(month, -1)
        inputs = stats.ReviewInputs(
            zone_passes=self.log.zone_passes(previous, month_end(month)),
            zone_ids=self.log.routine.zone_ids,
            focus_zones=self.targets.focus_on,
            ratings=self.log.ratings_between(previous, month_end(month)),
            rating_kinds=RATING_KINDS,
        )
        start, end = stats.review_window(month, self.targets)

        def review(history: stats.History) -> stats.MonthReview:
            return stats.month_review(history, month, self.today, self.targets, **inputs)

        return self._with_history(start, min(end, max(self.today, self.last_day or self.today)), review)

    def current_streak(self) -> int:
        """The streak standing today (through yesterday until today is practised or rested)."""
        return self._with_history(
            self.today - timedelta(days=4 * stats.WEEK),
            self.today,
            lambda history: stats.current_streak(history, self.today, self.targets),
        )


def _last_session_day(log: Log) -> date | None:
    """The last day with a session when it lies after today (logged from a time zone ahead), else None."""
    # Only a day that keeps the rules counts: an odd one (year 9999) would stretch every figure
    # to it and overflow the calendar; the store's readers leave such rows out with a notice.
    rows = log.conn.execute(
        "SELECT day FROM sessions WHERE typeof(day) = 'text' AND day > ? AND day <= ? ORDER BY day DESC LIMIT 50",
        [log.today().isoformat(), LAST_DAY.isoformat()],
    ).fetchall()
    good = [day for (day,) in rows if not day_problem(day)]
    return date.fromisoformat(good[0]) if good else None


def load_month_review(log: Log, month: date) -> stats.MonthReview:
    """A month's review straight from the log."""
    return HistoryReader(log).month_review(month)
