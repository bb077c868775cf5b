"""What the Today screen reads from the log: the streak, read back in chunks."""

from datetime import timedelta

from tui.store import Log
from tui.ui.state.today_view import streak_now


def test_streak_now_counts_across_rest_days(log: Log, clock):
    today = log.today()
    for back in range(1, 30):
        day = today - timedelta(days=back)
        if back % 10 == 0:
            log.set_rest(day, "travel")
        else:
            log.log_session(day, passes=1, minutes=6)
    log.log_session(today - timedelta(days=31), passes=3, minutes=9)  # beyond a one-day gap
    assert streak_now(log) == 29
    assert streak_now(log) == 29
    log.log_session(today, passes=0, minutes=2)  # a partial session today does not extend it
    assert streak_now(log) == 29
    log.log_session(today, passes=3, minutes=8)
    assert streak_now(log) == 30
