"""Reading what the Trends view and `scalp stats --year` show: every day of the log, once, into a TrendReport."""

from __future__ import annotations

from datetime import date

from tui.core.calendar import add_months
from tui.core.trend_report import TrendReport, build_report, months_of
from tui.store.history import HistoryReader
from tui.store.log import RATING_KINDS, Log


def load_trends(log: Log, year: int | None = None, reader: HistoryReader | None = None) -> TrendReport:
    """The Trends report of the last 12 months (or of ``year``) straight from the log.

    The best streaks and the totals reach back to the first logged day, so every day is read,
    in one range query; zones and ratings only for the 12 months shown.
    """
    reader = reader or HistoryReader(log)
    today = reader.today
    end = max(today, reader.last_day or today)
    if reader.first_day is not None:
        reader.summaries(reader.first_day, end)
    months = months_of(today, year)
    # A month more than shown: on the 1st the 12 months shown end with the month before.
    first = add_months(months[0], -1)
    last = min(end, date(months[-1].year, 12, 31) if year is not None else end)
    return build_report(
        reader.history(),
        today,
        reader.targets,
        zone_passes=log.zone_passes(first, last),
        zone_ids=log.routine.zone_ids,
        ratings=log.ratings_between(first, last),
        rating_kinds=RATING_KINDS,
        year=year,
        week_start=reader.settings.week_start,
    )


def worker_log(log: Log) -> Log | None:
    """A read-only Log on the same file with its own connection, for a worker thread (None: in memory)."""
    import sqlite3

    if log.path is None:
        return None
    conn = sqlite3.connect(f"file:{log.path}?mode=ro", uri=True, check_same_thread=False)
    return Log(conn, path=log.path, routine=log.routine, clock=log.clock, zone=log.zone)
