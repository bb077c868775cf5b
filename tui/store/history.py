"""Reading what the History screen and `scalp stats` show: per-day data through the Log, figures from tui.core.stats."""

from __future__ import annotations

from datetime import date, timedelta

from tui.core import stats
from tui.core.calendar import add_months, month_end, month_start
from tui.core.models import DaySummary
from tui.store.log import RATING_KINDS, Log


class HistoryReader:
    """Loads day summaries for the ranges asked for and keeps them, so moving around re-reads only new days.

    One reader sees the log as it was when the days were read: make a new one after the log changes.
    """

    def __init__(self, log: Log) -> None:
        self.log = log
        self.today = log.today()
        self.settings = log.settings()
        self.target = stats.Target.from_settings(self.settings)
        self.first_day = log.first_day()
        self._days: dict[date, DaySummary] = {}
        self._from: date | None = None
        self._to: date | None = None
        self.queries = 0
        """How many range reads were made (the benchmark and tests look at it)."""

    def _load(self, start: date, end: date) -> None:
        """Make sure start..end is read, reading only the part not read yet."""
        if self.first_day is not None:
            # Nothing lies before the first logged day: never read further back than that.
            start = max(start, self.first_day - timedelta(days=2 * stats.WEEK))
        if start > end:
            return
        if self._from is None:
            self._read(start, end)
            self._from, self._to = start, end
            return
        if start < self._from:
            self._read(start, self._from - timedelta(days=1))
            self._from = start
        if end > self._to:
            self._read(self._to + timedelta(days=1), end)
            self._to = end

    def _read(self, start: date, end: date) -> None:
        self.queries += 1
        self._days.update(self.log.day_summaries(start, end))

    def history(self, start: date, end: date) -> stats.History:
        """The days from start to end (and whatever older days were read before)."""
        end = max(end, self.today)
        self._load(start, end)
        return stats.History(self._days, self.first_day, self._from or start, self._to or end)

    def prefetch(self, start: date, end: date, month: date) -> None:
        """Read at once the days from start to end and those the review of ``month`` will need."""
        review_start, review_end = stats.review_window(month, self.target)
        self._load(min(start, review_start), max(end, review_end, self.today))

    def summary(self, day: date) -> DaySummary | None:
        """One day's summary (reading it if it was not read yet)."""
        self._load(day, day)
        return self._days.get(day)

    def summaries(self, start: date, end: date) -> dict[date, DaySummary]:
        """The day summaries from start to end, for the heatmap and the month calendar."""
        self._load(start, end)
        return {day: summary for day, summary in self._days.items() if start <= day <= end}

    def _with_history(self, start: date, compute):
        """Run ``compute(history)``, reading further back each time it asks for older days."""
        while True:
            history = self.history(start, self.today)
            try:
                return compute(history)
            except stats.NeedHistory as need:
                # At least double what is read, so a long streak costs a few reads, not one per step.
                span = (self.today - history.known_from).days + 1
                start = min(need.since, history.known_from - timedelta(days=span))

    def month_review(self, month: date) -> stats.MonthReview:
        """The month's review (with the month before), exactly as `scalp stats` prints it."""
        month = month_start(month)
        previous = add_months(month, -1)
        zone_passes = self.log.zone_passes(previous, month_end(month))
        ratings = self.log.ratings_between(previous, month_end(month))
        inputs = dict(
            zone_passes=zone_passes,
            zone_ids=self.log.routine.zone_ids,
            focus_zones=self.settings.focus_zones,
            ratings=ratings,
            rating_kinds=RATING_KINDS,
        )
        start, _ = stats.review_window(month, self.target)
        return self._with_history(
            start, lambda history: stats.month_review(history, month, self.today, self.target, **inputs)
        )

    def current_streak(self) -> int:
        """The streak standing today (through yesterday until today is practised or rested)."""
        return self._with_history(
            self.today - timedelta(days=4 * stats.WEEK),
            lambda history: stats.current_streak(history, self.today, self.target),
        )


def load_month_review(log: Log, month: date) -> stats.MonthReview:
    """A month's review straight from the log."""
    return HistoryReader(log).month_review(month)
