"""Files and folders only their user can read, created so that no link or stranger's file is followed.

Notes and ratings are personal: every folder scalp creates is 0700 and every file 0600,
whatever the umask. A file that already exists keeps its mode (scalp never loosens one).
Temporary files are made with ``mkstemp`` in the destination's own folder: a fresh random
name opened with O_CREAT | O_EXCL (and so never through a symbolic link planted there),
then renamed over the destination, which replaces a link rather than writing through it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700; a folder that exists is left as it is."""
    missing = []
    for parent in [folder, *folder.parents]:
        if parent.exists():
            break
        missing.append(parent)
    for path in reversed(missing):
        try:
            path.mkdir(mode=FOLDER_MODE)
        except FileExistsError:  # made meanwhile by another scalp: theirs is as private
            continue
        # mkdir's mode passes through the umask; a umask such as 0o277 must not lock the user out.
        os.chmod(path, FOLDER_MODE)


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 unless it exists; True if this call created it.

    Used before SQLite opens a new database, so that its -wal and -shm files, which SQLite
    gives the database's mode, are private too. Never follows a symbolic link.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    except FileExistsError:
        return False
    try:
        if hasattr(os, "fchmod"):  # the umask may have taken the owner's own write bit away
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return True


def temp_beside(dest: Path, prefix: str | None = None) -> tuple[int, Path]:
    """A new, empty 0600 temporary file in ``dest``'s folder: (open descriptor, path).

    Its name starts with ``prefix`` (default ``.<dest name>.``) and ends with ``.tmp``.
    """
    fd, name = tempfile.mkstemp(prefix=prefix or f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    return fd, Path(name)
