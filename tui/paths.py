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


def resolve_db_path(option: str | os.PathLike | None = None) -> Path:
    """The database to use: the --db option, else $SCALP_DB, else the default location.

    A ``~user`` that names no user is refused with a StoreError (one line, exit 2).
    """
    if option:
        return _expand(option)
    env = os.environ.get(ENV_DB)
    if env:
        return _expand(env)
    return default_db_path()


def _expand(text: str | os.PathLike) -> Path:
    try:
        return Path(text).expanduser()
    except RuntimeError:  # "~nobody-here/scalp.db"
        from tui.store.errors import Unwritable

        raise Unwritable(f"{text}: no such user's home folder") from None
