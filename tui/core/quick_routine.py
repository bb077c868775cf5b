"""The three routine numbers `scalp status` needs, read without the TOML parser.

`scalp status` runs on every shell prompt, and importing tomllib and the routine's
dataclasses costs about as much as the whole rest of the command. The shipped
routine.toml is scanned line by line instead; when the file does not have the
expected shape, the full loader is used, so the answer is never a guess.
"""

from __future__ import annotations

import os


def routine_file() -> str:
    """routine.toml inside the installed package, else in the source tree (as routine.data_dir)."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(os.path.dirname(here), "data")
    if os.path.isdir(packaged):
        return os.path.join(packaged, "routine.toml")
    return os.path.join(os.path.dirname(os.path.dirname(here)), "data", "routine.toml")


def status_facts(path: str | None = None) -> tuple[int, int, str]:
    """(number of zones, default passes per session, default day start "HH:MM")."""
    path = path or routine_file()
    zones = 0
    found: dict[str, str] = {}
    table = ""
    try:
        with open(path, encoding="utf-8") as handle:
            for raw in handle:
                line = raw.strip()
                if line.startswith("["):
                    table = line.split("#", 1)[0].strip()
                    zones += table == "[[zones]]"
                elif table == "[defaults]":
                    key, equals, value = line.partition("=")
                    key, value = key.strip(), value.split("#", 1)[0].strip()
                    if equals and key == "passes" and value.isdigit():
                        found[key] = value
                    elif equals and key == "day_start" and len(value) > 2 and value[0] == value[-1] == '"':
                        found[key] = value[1:-1]
    except OSError:
        pass  # the full loader below reports the missing file properly
    if zones and len(found) == 2:
        return zones, int(found["passes"]), found["day_start"]
    from pathlib import Path

    from tui.core.routine import load_routine

    routine = load_routine(Path(path))
    return len(routine.zones), routine.defaults.passes, routine.defaults.day_start.strftime("%H:%M")
