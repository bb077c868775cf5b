"""The pacer's countdown on an injected clock: run, hold, release, restart, stop. No sleeping."""

import pytest

from tui.core.models import Settings
from tui.core.pacer import Pacer, dwell_for
from tui.core.routine import default_routine


class Ticker:
    """A monotonic clock that a test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticker():
    return Ticker()


def test_counts_down_and_becomes_due(ticker):
    pacer = Pacer(ticker)
    assert not pacer.on and not pacer.due
    pacer.start(15)
    assert pacer.remaining() == 15 and pacer.remaining_whole() == 15
    ticker.now += 0.4
    assert pacer.remaining_whole() == 15  # a countdown shows 15 until a whole second has gone
    ticker.now += 11.6
    assert pacer.remaining_whole() == 3 and pacer.warning and not pacer.due
    assert pacer.fraction() == pytest.approx(0.8)
    ticker.now += 3
    assert pacer.due
    assert pacer.remaining() == 0
    ticker.now += 50
    assert pacer.remaining() == 0 and pacer.fraction() == 1


def test_a_hold_freezes_the_countdown_until_every_reason_is_released(ticker):
    pacer = Pacer(ticker)
    pacer.start(10)
    ticker.now += 4
    pacer.hold("session")
    pacer.hold("hidden")
    ticker.now += 100
    assert pacer.remaining() == 6 and not pacer.due and not pacer.running
    pacer.release("session")
    ticker.now += 100
    assert pacer.remaining() == 6
    pacer.release("hidden")
    assert pacer.running
    ticker.now += 5
    assert pacer.remaining() == pytest.approx(1)
    ticker.now += 1
    assert pacer.due


def test_restart_counts_a_new_dwell_from_the_start_even_while_held(ticker):
    pacer = Pacer(ticker)
    pacer.start(10)
    ticker.now += 9
    pacer.restart(20)
    assert pacer.remaining() == 20
    pacer.hold("session")
    pacer.restart(5)
    ticker.now += 30
    assert pacer.remaining() == 5
    pacer.release("session")
    ticker.now += 5
    assert pacer.due


def test_starting_while_held_waits_for_the_release(ticker):
    pacer = Pacer(ticker)
    pacer.hold("session")
    pacer.start(10)
    ticker.now += 60
    assert pacer.on and not pacer.due and pacer.remaining() == 10
    pacer.release("session")
    ticker.now += 10
    assert pacer.due


def test_stop_forgets_the_countdown(ticker):
    pacer = Pacer(ticker)
    pacer.start(10)
    ticker.now += 20
    pacer.stop()
    assert not pacer.on and not pacer.due and pacer.remaining() == 0 and pacer.fraction() == 0


def test_a_dwell_must_be_positive(ticker):
    with pytest.raises(ValueError):
        Pacer(ticker).start(0)


def test_focus_zones_get_the_longer_dwell():
    settings = Settings.from_routine(default_routine()).with_values(
        dwell_seconds=12, focus_multiplier=2.0, focus_zones=frozenset({"crown"})
    )
    assert dwell_for("crown", settings) == 24
    assert dwell_for("top", settings) == 12
