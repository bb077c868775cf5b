"""Shared fixtures: a controllable clock, in-memory logs and an app built on them."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

# The real `scalp` started by a test (tmux, pty, subprocess) on a fresh log would open with the
# first-start welcome over Today; tests that want it set SCALP_WELCOME=1 themselves.
os.environ.setdefault("SCALP_WELCOME", "0")

from tui.store import Log

# A fixed moment for every test and snapshot: Sunday 22 Nov 2026, 09:30 UTC.
FIXED_NOW = datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc)


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, **kwargs) -> datetime:
        self.now += timedelta(seconds=seconds, **kwargs)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def log(clock: FakeClock) -> Log:
    """An empty in-memory log on the fake clock, with days counted in UTC."""
    store = Log.memory(clock=clock, zone=timezone.utc)
    yield store
    store.close()


@pytest.fixture
def file_log(tmp_path, clock: FakeClock) -> Log:
    """An empty log in a real file (WAL mode), on the fake clock, days in UTC."""
    store = Log.open(tmp_path / "scalp.db", clock=clock, zone=timezone.utc)
    yield store
    store.close()


def make_app(store: Log, **kwargs):
    """The app on a given log (imported lazily so core tests never load Textual).

    No keys file is read unless a test passes ``config_dir=``, so the
    user's own keys.toml never leaks into a test.
    """
    from tui.ui.app import ScalpApp

    return ScalpApp(store, **kwargs)


@pytest.fixture
def history_log(history_file, tmp_path, clock):
    """A copy of the module's ``history_file`` template (tests/history_data.history_template), opened."""
    import shutil

    path = tmp_path / "scalp.db"
    shutil.copyfile(history_file, path)
    store = Log.open(path, clock=clock, zone=timezone.utc)
    yield store
    store.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, so that two workers share them out instead of one waiting on the last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
