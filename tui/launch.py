"""Starting the full-screen app without click: the log is opened and checked while Textual loads.

`scalp` and `scalp --db PATH` come here straight from tui.entry (click and the command
group cost more than a tenth of the bare Textual floor). Opening a log reads it whole
(`PRAGMA quick_check`, longer with every year of history); SQLite does that without
Python's lock, so a thread runs only that (tui.store.precheck) while the main thread
imports Textual and the screens, then opens the log on the check's answer. Nothing runs
in the app before the check has passed.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import MutableMapping
from typing import TYPE_CHECKING

from tui.core.safe_text import safe_text

if TYPE_CHECKING:
    from pathlib import Path

    from tui.ui.app import ScalpApp

#: Seconds between checks that the terminal is still there.
TERMINAL_CHECK_S = 1.0
#: Textual's frame rate cap (TEXTUAL_FPS), unless the user set one.
FRAMES_PER_SECOND = 120


def app_db_option(argv: list[str]) -> tuple[bool, str | None]:
    """(True, the --db value or None) for a plain `scalp [--db PATH]`; (False, None) for anything else."""
    if not argv:
        return True, None
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return True, argv[0][5:]
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return True, argv[1]
    return False, None


def run_app(db_option: str | None) -> int:
    """Open the log and run the Textual app on it; returns the exit code (2 with one line if refused)."""
    # Start-up builds a few hundred thousand objects that all stay alive (modules, CSS rules,
    # widgets); the collector would walk them again and again for nothing, about a fifth of
    # the time to the first frame. It is switched back on once that frame is out.
    gc.disable()
    from tui.paths import resolve_db_path
    from tui.store.errors import StoreError

    try:
        path = resolve_db_path(db_option)
    except StoreError as exc:
        return _refused(exc)
    # The integrity check reads the whole file without Python's lock: it runs beside the
    # imports below. Everything else stays in this thread (Python code in a second thread
    # would only take turns with the imports, and slow them down).
    checked = None
    try:
        is_file = path.is_file()
    except OSError:
        is_file = False  # a folder on the way this user may not enter: Log.open says so
    if not is_file and not _exists(path) and (problem := terminal_problem()):
        # Before a new log is created for an app that cannot run; a folder it could not be
        # created in is still named first.
        from tui.store.opening import check_writable

        if path.parent.exists():
            try:
                check_writable(path)
            except StoreError as exc:
                return _refused(exc)
        return _refused(problem)
    if is_file:
        from tui.store.precheck import QuickCheck

        checked = QuickCheck(path)
    from tui.core.routine import RoutineError
    from tui.store import Log

    set_frame_rate(os.environ)  # before Textual is imported: it reads the variable then
    from tui.ui.app import ScalpApp  # Textual and the Today screen, while the file is checked

    try:
        log = Log.open(path, checked=checked)
    except (StoreError, RoutineError) as exc:
        return _refused(exc)
    if problem := terminal_problem():  # a refused file says so first; this one is fine but cannot be shown
        log.close()
        return _refused(problem)
    from tui.paths import config_dir
    from tui.store.backup import AutoBackup

    assert log.path is not None  # a log opened from a file knows it
    auto_backup = AutoBackup(log.path)
    # keys.toml lives in config_dir; the first-start welcome is offered unless SCALP_WELCOME=0.
    app = ScalpApp(log, config_dir=config_dir(), welcome=os.environ.get("SCALP_WELCOME", "1") != "0")
    # The daily automatic backup copies the log in a thread beside the app; it starts
    # once the first frame is out, so it does not compete with the start for the CPU and disk.
    app.after_first_frame(auto_backup.start)
    # The collector runs again from the first frame on; start-up's garbage is collected at the
    # first quiet moment, and what lives on is set aside (frozen) before anything else is built.
    app.after_first_frame(gc.enable)
    app.when_idle(_collect_and_freeze)
    # A terminal that goes away without a hang-up signal (its pty closed by a crashed emulator
    # or multiplexer) leaves Textual reading nothing in a busy loop: look for it, and quit.
    app.after_first_frame(lambda: _quit_when_the_terminal_is_gone(app))
    try:
        app.run()
    finally:
        gc.enable()  # if the app ended before its first frame
        log.close()
        problem = auto_backup.wait()
        if problem:
            print(f"scalp: {safe_text(str(problem))}", file=sys.stderr)
    return app.return_code or 0


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return True  # not reachable: Log.open says why


def set_frame_rate(environ: MutableMapping[str, str]) -> None:
    """Textual's frame rate cap, TEXTUAL_FPS, at FRAMES_PER_SECOND unless the user set one.

    Textual paints a screen on a timer of 1/TEXTUAL_FPS seconds, and the first paint of a new
    screen (the start, and `z` and `h` the first time) waits one whole period: 17 ms at its
    default of 60, 8 ms at 120. Only frames with changes are painted, so an idle app does no
    more work than before.
    """
    environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))


def terminal_problem() -> str | None:
    """Why the full-screen app cannot run here (stdin or stdout is not a terminal), or None.

    Without a terminal Textual reads an input that never blocks and spins a core forever,
    so a cron job or a pipe gets one line instead.
    """
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        try:
            is_terminal = stream is not None and stream.isatty()
        except (OSError, ValueError):  # a closed stream
            is_terminal = False
        if not is_terminal:
            return (
                f"the app needs a terminal and its {name} is not one;"
                " for scripts use a command (scalp --help)"
            )
    return None


def _refused(error: Exception | str) -> int:
    """One line on stderr and exit status 2 for a log that cannot be opened."""
    gc.enable()
    print(f"scalp: {safe_text(str(error))}", file=sys.stderr)
    return 2


def _quit_when_the_terminal_is_gone(app: ScalpApp) -> None:
    """Check every TERMINAL_CHECK_S that the terminal still answers; quit (which pauses a session) if not."""
    try:
        import termios  # not on Windows, where a closed console ends the process anyway

        stdin = sys.__stdin__
        if stdin is None:  # started without any stdin
            return
        fd = stdin.fileno()
        termios.tcgetattr(fd)
    except Exception:  # ImportError, termios.error, a closed or missing stdin
        return  # not a terminal to begin with (piped, tests, Windows): nothing to watch

    def check() -> None:
        try:
            termios.tcgetattr(fd)
        except termios.error:  # EIO: the other end of the terminal is closed
            app.exit(return_code=1)

    app.set_interval(TERMINAL_CHECK_S, check, name="terminal-check")


def _collect_and_freeze() -> None:
    """Collect start-up's garbage (~30 ms, once) and set what lives on aside from the collector.

    Frozen objects are never traversed again, so later collections (during key presses)
    only walk what the app makes from here on.
    """
    gc.collect()
    gc.freeze()
