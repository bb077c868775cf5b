"""Running `scalp` subcommands through click's test runner, on the fake clock and UTC days."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import FakeClock
from tui.cli import cli
from tui.store import Log


class Scalp:
    """Invokes the real click group with the test clock put in ctx.obj."""

    def __init__(self, db: Path, clock: FakeClock) -> None:
        self.db = db
        self.clock = clock

    def __call__(self, *args: str, input: str | None = None, db: bool = True) -> Result:
        argv = [*args, "--db", str(self.db)] if db else list(args)
        return CliRunner().invoke(cli, argv, obj={"clock": self.clock, "zone": timezone.utc}, input=input)

    @contextmanager
    def open(self) -> Iterator[Log]:
        """The log on the test clock, closed (and so checkpointed into the file) afterwards."""
        log = Log.open(self.db, clock=self.clock, zone=timezone.utc)
        try:
            yield log
        finally:
            log.close()


@pytest.fixture
def scalp(tmp_path, clock) -> Scalp:
    return Scalp(tmp_path / "scalp.db", clock)


def one_line_error(result: Result) -> str:
    """The single stderr line of a refused command (asserting there is exactly one)."""
    assert result.exit_code != 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]
