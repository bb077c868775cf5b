"""A seeded random practice history written through the Log's own methods, for history and stats tests."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from tui.core.calendar import local_zone
from tui.store import Log

REASONS = ("travel", "irritated scalp", "ill", "")
RATING_KINDS = ("stress", "headache", "scalp")


def fill_history(log: Log, clock, start: date, end: date, seed: int = 0, live_share: float = 0.15) -> None:
    """Fill ``log`` with one realistic day after another from start to end (the clock is restored after).

    Most days are back-filled whole sessions (log_session); ``live_share`` of them are run live on
    the fake clock (start, checks with some zones skipped, a pause, ratings, finish); some are
    rest days and some are simply missed. Runs of missed days make streaks break now and then.
    """
    rng = random.Random(seed)
    saved = clock.now
    zone = log.zone or local_zone()
    zones = log.routine.zone_ids
    slump = 0
    day = start
    while day <= end:
        roll = rng.random()
        if slump:
            slump -= 1
            day += timedelta(days=1)
            continue
        if roll < 0.03:
            slump = rng.randint(1, 4)  # a bad week: a few days in a row without practice
        elif roll < 0.09:
            log.set_rest(day, rng.choice(REASONS))
        elif roll < 0.15:
            pass  # just missed
        elif roll < 0.15 + live_share:
            _live_session(log, clock, rng, day, zone, zones)
        else:
            passes = rng.choices([1, 2, 3, 4], weights=[1, 2, 12, 2])[0]
            log.log_session(day, passes=passes, minutes=round(rng.uniform(2.5, 4.0) * passes, 1))
        day += timedelta(days=1)
    clock.now = saved


def _live_session(log: Log, clock, rng: random.Random, day: date, zone, zones) -> None:
    hour = rng.choice([6, 7, 7, 8, 12, 19, 21])
    clock.now = datetime.combine(day, time(hour, rng.randint(0, 59)), tzinfo=zone)
    session = log.start_session()
    for kind in RATING_KINDS:
        if rng.random() < 0.6:
            log.set_rating(session.id, "before", kind, rng.randint(2, 5))
    passes = rng.choices([1, 2, 3, 4], weights=[1, 2, 8, 1])[0]
    for pass_no in range(1, passes + 1):
        for zone_id in zones:
            # The temples and the nape are skipped more often: the neglected zones to find.
            skip = 0.25 if zone_id in ("temple_left", "nape") else 0.03
            if rng.random() < skip:
                continue
            clock.advance(rng.uniform(10, 20))
            log.add_check(session.id, pass_no, zone_id)
        if pass_no == 1 and rng.random() < 0.3:
            log.pause_session(session.id)
            clock.advance(rng.uniform(30, 120))
            log.resume_session(session.id)
    for kind in RATING_KINDS:
        if rng.random() < 0.6:
            log.set_rating(session.id, "after", kind, rng.randint(1, 4))
    if rng.random() < 0.3:
        log.update_session(session.id, note=rng.choice(["felt good", "used oil", "rushed", "slow and firm"]))
    clock.advance(30)
    log.finish_session(session.id)


def history_template(folder, start: date, end: date, seed: int):
    """A file of seeded history from ``start`` to ``end`` in ``folder``, for a module's tests to copy.

    Written in memory (fast), then saved whole into the file.
    """
    import sqlite3
    from datetime import UTC

    from tests.conftest import FakeClock

    path = folder / "template.db"
    clock = FakeClock()
    store = Log.memory(clock=clock, zone=UTC)
    fill_history(store, clock, start, end, seed=seed)
    target = sqlite3.connect(path)
    store.conn.backup(target)
    target.close()
    store.close()
    return path
