"""Where scalp keeps its files: --db, else $SCALP_DB, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "scalp"
DB_FILENAME = "scalp.db"
ENV_DB = "SCALP_DB"


def default_db_path() -> Path:
    """The database in the platform's user data directory (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def config_dir() -> Path:
    """The platform's user config directory for scalp (keymap and other files)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def resolve_db_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The database to use: the --db option, else $SCALP_DB, else the default location.

    An empty path (``--db ""``, ``SCALP_DB=""``: often a shell variable that was never set)
    and a ``~user`` that names no user are refused with a StoreError (one line, exit 2):
    neither may fall back to the user's own log.
    """
    if option is not None:
        return _expand(_not_empty(os.fspath(option), "--db"))
    env = os.environ.get(ENV_DB)
    if env is not None:
        return _expand(_not_empty(env, f"${ENV_DB}"))
    return default_db_path()


def empty_path_problem(text: str, where: str) -> str | None:
    """The one-line refusal of an empty (or blank) database path, or None when it names something."""
    if text.strip():
        return None
    return f"{where} is empty; give the database file (or leave {where} out for the default log)"


def _not_empty(text: str, where: str) -> str:
    problem = empty_path_problem(text, where)
    if problem:
        from tui.store.errors import Unwritable

        raise Unwritable(problem)
    return text


def _expand(text: str | os.PathLike[str]) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~nobody-here/scalp.db"
        from tui.store.errors import Unwritable

        raise Unwritable(f"{text}: no such user's home folder") from None
