"""Shared fixtures of the reliability tests: the click runner on the test clock."""

from tests.cli.conftest import scalp  # noqa: F401 (a fixture, used by name)
