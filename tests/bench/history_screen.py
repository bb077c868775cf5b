"""Benchmark: how long the History screen and `scalp stats` take with 1, 10 and 20 years of history.

Run: python -m tests.bench.history_screen [years ...]   (prints figures; it asserts nothing)

Databases are written once into the temp folder with plain SQL (realistic: ~85% practised days,
some rest days, partial and bonus passes, a few live sessions with pauses and ratings).
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.conftest import FakeClock
from tui.store import Log
from tui.store.history import HistoryReader
from tui.store.log import new_id

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def build(years: int) -> Path:
    """The benchmark database for ``years`` of history (made once, then reused)."""
    path = Path(tempfile.gettempdir()) / f"scalp-bench-history-{years}y.db"
    if path.exists():
        return path
    store = Log.open(path, clock=FakeClock(NOW), zone=UTC)
    zones = store.routine.zone_ids
    store.close()
    conn = sqlite3.connect(path)
    rng = random.Random(years)
    conn.execute("BEGIN")
    day = TODAY - timedelta(days=365 * years)
    while day < TODAY:
        roll = rng.random()
        iso = day.isoformat()
        if roll < 0.05:
            conn.execute("INSERT INTO rest_days VALUES (?, ?, ?, ?)", (new_id(), iso, "travel", NOW.isoformat()))
        elif roll < 0.88:
            sid = new_id()
            start = datetime(day.year, day.month, day.day, 7, rng.randint(0, 59), tzinfo=UTC)
            passes = rng.choices([1, 2, 3, 4], weights=[1, 2, 12, 2])[0]
            minutes = passes * rng.uniform(2.5, 4)
            end = start + timedelta(minutes=minutes)
            conn.execute(
                "INSERT INTO sessions (id, day, started_at, ended_at, last_seen_at, technique, oil, note, source)"
                " VALUES (?, ?, ?, ?, ?, 'circles', 0, '', 'app')",
                (sid, iso, start.isoformat(), end.isoformat(), end.isoformat()),
            )
            rows = []
            for pass_no in range(1, passes + 1):
                for zone in zones:
                    if rng.random() < 0.97:
                        rows.append((new_id(), sid, iso, pass_no, zone, "circles", start.isoformat()))
            conn.executemany("INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            if rng.random() < 0.2:
                conn.execute(
                    "INSERT INTO ratings VALUES (?, ?, 'before', 'stress', ?, ?)",
                    (new_id(), sid, rng.randint(1, 5), start.isoformat()),
                )
        day += timedelta(days=1)
    conn.execute("COMMIT")
    conn.close()
    return path


def time_data(path: Path, runs: int = 15) -> float:
    """Median ms to read and compute everything the screen shows on opening (no drawing)."""
    times = []
    for _ in range(runs):
        store = Log.open(path, clock=FakeClock(NOW), zone=UTC)
        start = time.perf_counter()
        reader = HistoryReader(store)
        reader.prefetch(TODAY - timedelta(days=371), TODAY, TODAY)
        reader.summaries(TODAY - timedelta(days=371), TODAY)
        reader.month_review(TODAY)
        times.append((time.perf_counter() - start) * 1000)
        store.close()
    return statistics.median(times)


async def _time_screen(path: Path, runs: int, first: bool) -> float:
    from tui.ui.app import ScalpApp
    from tui.ui.screens.history import HistoryScreen
    from tui.ui.widgets.month_review import ReviewFigures

    times = []
    for _ in range(runs if first else 1):
        store = Log.open(path, clock=FakeClock(NOW), zone=UTC)
        app = ScalpApp(store)
        painted: list[float] = []
        display = app._display

        def watch(screen, renderable, display=display, painted=painted):
            # The first frame sent out with the review in it is the screen painted.
            display(screen, renderable)
            if renderable is not None and isinstance(screen, HistoryScreen) and not painted:
                if screen.query(ReviewFigures) and screen.query_one(ReviewFigures).review is not None:
                    painted.append(time.perf_counter())

        app._display = watch
        async with app.run_test(size=(160, 50)) as pilot:
            for _ in range(1 if first else runs):
                await app.switch_mode("today")
                # A write, as after a session on Today: the screen must read the log again.
                store.save_settings(theme=store.settings().theme)
                await pilot.pause()
                painted.clear()
                start = time.perf_counter()
                await app.switch_mode("history")
                while not painted:
                    await asyncio.sleep(0.001)
                times.append((painted[0] - start) * 1000)
        store.close()
    return statistics.median(times)


def time_screen(path: Path, runs: int = 7, first: bool = True) -> float:
    """Median ms from switching to History to its first frame with the review in it (headless, 160x50).

    ``first``: each run opens the screen for the first time in a new app (compose included);
    otherwise one app switches back and forth, writing to the log in between (so the screen
    re-reads it on each return, as it would after a session).
    """
    return asyncio.run(_time_screen(path, runs, first))


def main(years: list[int]) -> None:
    results = {}
    for y in years:
        path = build(y)
        results[y] = (time_data(path), time_screen(path, first=True), time_screen(path, first=False))
        print(
            f"{y:>3} years: data {results[y][0]:6.1f} ms   first open {results[y][1]:6.1f} ms"
            f"   reopen {results[y][2]:6.1f} ms   ({path})"
        )
    if 1 in results and 20 in results:
        ratios = "   ".join(f"{a / b:.2f}" for a, b in zip(results[20], results[1], strict=True))
        print(f"20y / 1y (data, first open, reopen): {ratios}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 20])
