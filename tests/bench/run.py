"""The scalp benchmark: each figure over a fair floor measured in the same run, interleaved.

    python tests/bench/run.py [--json FILE] [--quick] [--size 100x30]

Builds its own databases with `scalp demo` (1, 10 and 20 years) in a temporary folder, runs
every program on a pseudo-terminal (tests/bench/pty_driver.py) and times what it paints:
a clock starts when the process is started or a key's bytes are written, and stops when the
ANSI-stripped output shows the expected text. Each floor runs in the same session, run by
run (A B A B), so that a machine's drift and load fall on both sides. The floor is a bare
Textual app with what every scalp screen has: a Header, a Footer with as many bindings as
scalp's Today screen and app (as many shown), and one Static.

- first frame: `scalp --db <10 years>` until its Today screen's footer is painted, over the
  floor app until its footer is painted;
- check-off: `space` on Zones (10 years, a session started on Today first) until a second
  sqlite3 connection sees the new row (it polls `max(rowid)` at most every 0.3 ms) and until
  the progress line's new count is painted; the floor app's binding commits one row to SQLite
  (WAL, synchronous=FULL) and then updates its Static;
- first showing of Zones and of History: `z` or `h` from Today (after the app has sat idle
  for a second, as a user reads it) until the screen is painted; a new process each run;
- status: `scalp status --db <10 years>` as a whole process over `python -c "import sqlite3"`;
- memory: peak RSS (VmHWM) of scalp on History (20 and 1 years) over the floor app.

Prints a table of medians and writes the JSON with the figures the table shows. It asserts
nothing: a benchmark informs, it does not pass or fail.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_driver import PtyApp  # noqa: E402
from sync_bench import measure_sync_scale  # noqa: E402

# The interpreter by its full path (a shim on PATH costs ~90 ms a process), and the venv's scalp.
PYTHON = str(Path(sys.executable))
SCALP = str(Path(sys.executable).parent / "scalp")

#: The floor's bindings: as many as the Today screen and the app have, and as many shown.
FLOOR_BINDINGS, FLOOR_SHOWN = 20, 12

BARE_APP = f'''
"""The floor: a Header, a Footer with scalp's number of bindings, one Static; `space` commits a row."""
import sqlite3
import sys

from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

BINDINGS_TOTAL, BINDINGS_SHOWN = {FLOOR_BINDINGS}, {FLOOR_SHOWN}


class Bare(App):
    BINDINGS = [Binding("space", "toggle", "Toggle")] + [
        Binding(chr(ord("a") + n), "noop", f"Key {{n}}", show=n < BINDINGS_SHOWN)
        for n in range(1, BINDINGS_TOTAL)
    ]
    count = 0

    def __init__(self, db):
        super().__init__()
        self.db = None
        if db:
            self.db = sqlite3.connect(db, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("CREATE TABLE IF NOT EXISTS checks (zone TEXT, at REAL)")

    def compose(self):
        yield Header()
        yield Static("bare textual app [state 0]", id="state")
        yield Footer()

    def action_noop(self):
        pass

    def action_toggle(self):
        self.count += 1
        if self.db is not None:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("INSERT INTO checks VALUES (?, julianday('now'))", (str(self.count),))
            self.db.execute("COMMIT")
        self.query_one("#state", Static).update(f"bare textual app [state {{self.count}}]")


Bare(sys.argv[1] if len(sys.argv) > 1 else None).run()
'''

FIRST_FRAME = (b"bare textual app", b"palette")  # the Static, and the footer
TODAY_PAINTED = b"palette"  # the footer, the last line of the Today screen's first frame
ZONES_PAINTED = b"Checklist"
HISTORY_PAINTED = (b"Consistency", b": nothing logged")  # the review's table, the heatmap's day line
TRENDS_PAINTED = (b"Overview", b"30 days ago")  # the Trends view's first card, with its figures
ZONES, PASSES = 11, 3


@dataclass
class Setup:
    folder: Path
    dbs: dict[int, Path]
    bare: Path
    env: dict[str, str | None]
    size: tuple[int, int]


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (p99 of 200 samples is the second largest)."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(len(ordered), rank) - 1]


def build(folder: Path, size: tuple[int, int]) -> Setup:
    """The demo databases, the bare app and an environment that reads no file of the user's."""
    env = {
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_DATA_HOME": str(folder / "data"),
        "SCALP_DB": "",
        "TEXTUAL": "",
        # Python caches compiled modules as an installed scalp would (some sandboxes switch that off).
        "PYTHONDONTWRITEBYTECODE": None,
    }
    dbs = {}
    for years in (1, 10, 20):
        dbs[years] = folder / f"demo-{years}y" / "scalp.db"
        started = time.perf_counter()
        subprocess.run(
            [SCALP, "demo", "--db", str(dbs[years]), "--years", str(years), "--seed", "1"],
            check=True,
            stdout=subprocess.DEVNULL,
            env={key: value for key, value in {**os.environ, **env}.items() if value is not None},
        )
        print(f"  built {years:>2} years in {time.perf_counter() - started:4.1f} s", file=sys.stderr)
    bare = folder / "bare_app.py"
    bare.write_text(BARE_APP)
    return Setup(folder, dbs, bare, env, size)


def launch(setup: Setup, argv: list[str]) -> PtyApp:
    width, height = setup.size
    return PtyApp(argv, width=width, height=height, env=setup.env)


def scalp_app(setup: Setup, db: Path) -> PtyApp:
    return launch(setup, [SCALP, "--db", str(db)])


def bare_app(setup: Setup, db: Path | None = None) -> PtyApp:
    """The floor app; with ``db``, its `space` commits a row there."""
    return launch(setup, [PYTHON, str(setup.bare), *([str(db)] if db else [])])


def first_frame(app: PtyApp, markers: tuple[bytes, ...]) -> float:
    """Seconds from starting the process to the markers painted."""
    return app.wait_for(*markers) - app.started


# --- the measurements ---------------------------------------------------------------------


def measure_first_frame(setup: Setup, runs: int) -> tuple[list[float], list[float]]:
    """(scalp, bare) seconds to the first frame, interleaved."""
    scalp, bare = [], []
    for _ in range(runs):
        for samples, start, marker in (
            (scalp, lambda: scalp_app(setup, setup.dbs[10]), (TODAY_PAINTED,)),
            (bare, lambda: bare_app(setup), FIRST_FRAME),
        ):
            app = start()
            try:
                samples.append(first_frame(app, marker))
            finally:
                app.close()
    return scalp, bare


def _press_until(
    app: PtyApp, key: bytes, marker: bytes, commit: sqlite3.Connection | None
) -> tuple[float, float]:
    """Write ``key``; seconds until ``marker`` is painted, and until a new check row is committed."""
    query = "SELECT max(rowid) FROM checks"
    before = commit.execute(query).fetchone()[0] if commit is not None else None
    since = app.mark()
    sent = app.send(key)
    committed = None if commit is not None else sent
    painted = None
    deadline = sent + 10
    while committed is None or painted is None:
        if committed is None and commit.execute(query).fetchone()[0] != before:
            committed = time.perf_counter()
        if painted is None and app.shows(marker, since=since):
            painted = time.perf_counter()
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{marker!r} (or the commit) never came")
        # Reads what is painted; waits at most 0.3 ms, which also leaves the CPU to the app.
        app.poll(0.0003)
    return painted - sent, committed - sent


def _settle(app: PtyApp) -> None:
    """Let the app finish what follows a frame (timers, toasts), as between a person's key presses."""
    app.drain(quiet=0.04, limit=1.0)


def measure_checkoff(setup: Setup, presses: int) -> tuple[list[float], list[float], list[float]]:
    """(scalp key→frame, scalp key→commit, floor key→frame) seconds, in blocks of one session each."""
    frame, commit, bare = [], [], []
    size = ZONES * PASSES
    block = 0
    while len(frame) < presses:
        count = min(size, presses - len(frame))
        # A fresh copy each session, so every block starts from the same 10-year log.
        db = setup.folder / "checkoff" / f"block-{block}" / "scalp.db"
        db.parent.mkdir(parents=True)
        shutil.copy(setup.dbs[10], db)
        block += 1
        app = scalp_app(setup, db)
        reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
        try:
            app.wait_for(TODAY_PAINTED)
            since = app.mark()
            app.send(b"s")  # start the session on Today, so each space below is a check-off only
            app.wait_for(b"Pause", since=since)
            since = app.mark()
            app.send(b"z")
            app.wait_for(ZONES_PAINTED, f" 0/{ZONES}".encode(), since=since)
            _settle(app)
            for n in range(1, count + 1):
                marker = f" {n % ZONES}/{ZONES}".encode()
                to_frame, to_commit = _press_until(app, b" ", marker, reader)
                frame.append(to_frame)
                commit.append(to_commit)
                _settle(app)
        finally:
            reader.close()
            app.close()
        floor_db = db.parent / "floor.db"
        app = bare_app(setup, floor_db)
        try:
            app.wait_for(*FIRST_FRAME)
            _settle(app)
            for n in range(1, count + 1):
                bare.append(_press_until(app, b" ", f"[state {n}]".encode(), None)[0])
                _settle(app)
        finally:
            app.close()
    return frame, commit, bare


def first_showing(setup: Setup, db: Path, key: bytes, markers: tuple[bytes, ...]) -> float:
    """Seconds from ``key`` on Today (after a second of reading it) to the markers painted, a new process."""
    app = scalp_app(setup, db)
    try:
        app.wait_for(TODAY_PAINTED)
        time.sleep(1.0)  # a person reads Today before switching; the app finishes starting
        _settle(app)
        since = app.mark()
        sent = app.send(key)
        return app.wait_for(*markers, since=since) - sent
    finally:
        app.close()


def measure_history(setup: Setup, runs: int) -> dict[int, list[float]]:
    """Seconds from `h` on Today to History painted, a new process each run, databases interleaved."""
    samples: dict[int, list[float]] = {years: [] for years in setup.dbs}
    for _ in range(runs):
        for years, db in setup.dbs.items():
            samples[years].append(first_showing(setup, db, b"h", HISTORY_PAINTED))
    return samples


def measure_trends(setup: Setup, runs: int) -> list[float]:
    """Seconds from `v` on History (10 years, shown and idle for a moment) to the Trends cards painted."""
    samples = []
    for _ in range(runs):
        app = scalp_app(setup, setup.dbs[10])
        try:
            app.wait_for(TODAY_PAINTED)
            time.sleep(1.0)
            since = app.mark()
            app.send(b"h")
            app.wait_for(*HISTORY_PAINTED, since=since)
            time.sleep(0.5)
            _settle(app)
            since = app.mark()
            sent = app.send(b"v")
            samples.append(app.wait_for(*TRENDS_PAINTED, since=since) - sent)
        finally:
            app.close()
    return samples


def measure_zones(setup: Setup, runs: int) -> list[float]:
    """Seconds from `z` on Today to Zones painted (10 years), a new process each run."""
    return [
        first_showing(setup, setup.dbs[10], b"z", (ZONES_PAINTED, f" 0/{ZONES}".encode()))
        for _ in range(runs)
    ]


def measure_status(setup: Setup, runs: int) -> tuple[list[float], list[float]]:
    """(scalp status, python -c "import sqlite3") seconds per whole process, interleaved."""
    env = {key: value for key, value in {**os.environ, **setup.env}.items() if value is not None}
    commands = ([SCALP, "status", "--db", str(setup.dbs[10])], [PYTHON, "-c", "import sqlite3"])
    status, bare = [], []
    for run in range(runs + 2):
        for command, samples in zip(commands, (status, bare), strict=True):
            started = time.perf_counter()
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
            )
            if run >= 2:  # the first two warm the file cache
                samples.append(time.perf_counter() - started)
    return status, bare


def history_rss(setup: Setup, years: int) -> int:
    """Peak RSS in KiB of scalp shown History on the ``years`` log."""
    app = scalp_app(setup, setup.dbs[years])
    try:
        app.wait_for(TODAY_PAINTED)
        since = app.mark()
        app.send(b"h")
        app.wait_for(*HISTORY_PAINTED, since=since)
        _settle(app)
        return app.peak_rss_kib()
    finally:
        app.close()


def measure_rss(setup: Setup, runs: int) -> tuple[list[int], list[int], list[int]]:
    """(scalp on History with 20 years, with 1 year, floor app) peak RSS in KiB, interleaved."""
    big, small, bare = [], [], []
    for _ in range(runs):
        big.append(history_rss(setup, 20))
        small.append(history_rss(setup, 1))
        app = bare_app(setup)
        try:
            app.wait_for(*FIRST_FRAME)
            _settle(app)
            bare.append(app.peak_rss_kib())
        finally:
            app.close()
    return big, small, bare


# --- the report ---------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, float]:
    quick = args.quick
    counts = {
        "first_frame": 4 if quick else 12,
        "presses": 40 if quick else 200,
        "history": 2 if quick else 7,
        "status": 10 if quick else 40,
        "rss": 1 if quick else 3,
    }
    width, height = (int(part) for part in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="scalp-bench-") as folder:
        print("building the demo databases ...", file=sys.stderr)
        setup = build(Path(folder), (width, height))
        # One launch to warm the file cache and make the day's automatic backups (one per log).
        for db in setup.dbs.values():
            app = scalp_app(setup, db)
            app.wait_for(TODAY_PAINTED)
            time.sleep(0.5)
            app.close()
        print("first frame ...", file=sys.stderr)
        ff_scalp, ff_bare = measure_first_frame(setup, counts["first_frame"])
        print("check-off ...", file=sys.stderr)
        ck_frame, ck_commit, ck_bare = measure_checkoff(setup, counts["presses"])
        print("first showing of Zones and History ...", file=sys.stderr)
        zones = measure_zones(setup, counts["history"])
        history = measure_history(setup, counts["history"])
        trends = measure_trends(setup, counts["history"])
        print("status ...", file=sys.stderr)
        st_scalp, st_bare = measure_status(setup, counts["status"])
        print("memory ...", file=sys.stderr)
        rss_scalp, rss_small, rss_bare = measure_rss(setup, counts["rss"])
        print("sync ...", file=sys.stderr)  # last: it writes to the demo logs
        sync_figures = measure_sync_scale(setup.dbs, Path(folder) / "sync", 5 if quick else 15)

    ms = 1000.0
    figures = {
        "first_frame_ratio": median(ff_scalp) / median(ff_bare),
        "first_frame_ms": median(ff_scalp) * ms,
        "first_frame_floor_ms": median(ff_bare) * ms,
        "checkoff_commit_ms_p50": percentile(ck_commit, 0.50) * ms,
        "checkoff_commit_ms_p99": percentile(ck_commit, 0.99) * ms,
        "checkoff_frame_ratio": median(ck_frame) / median(ck_bare),
        "checkoff_frame_ms": median(ck_frame) * ms,
        "checkoff_floor_ms": median(ck_bare) * ms,
        "zones_open_ms": median(zones) * ms,
        "history_open_ms_1y": median(history[1]) * ms,
        "history_open_ms_10y": median(history[10]) * ms,
        "history_scale_ratio": median(history[20]) / median(history[1]),
        "trends_open_ms_10y": median(trends) * ms,
        "status_ratio": median(st_scalp) / median(st_bare),
        "rss_ratio": median(rss_scalp) / median(rss_bare),
        "rss_scale_ratio": median(rss_scalp) / median(rss_small),
        **sync_figures,
    }
    rows = [
        (
            "first frame, Today, 10 y",
            f"{median(ff_scalp) * ms:.0f} ms",
            f"{median(ff_bare) * ms:.0f} ms",
            f"{figures['first_frame_ratio']:.2f}",
            "≤ 1.15",
            len(ff_scalp),
        ),
        (
            "check-off: space → committed",
            f"p50 {figures['checkoff_commit_ms_p50']:.1f} ms",
            f"p99 {figures['checkoff_commit_ms_p99']:.1f} ms",
            "",
            "≤ 5 / 15 ms",
            len(ck_commit),
        ),
        (
            "check-off: space → frame",
            f"{median(ck_frame) * ms:.1f} ms",
            f"{median(ck_bare) * ms:.1f} ms",
            f"{figures['checkoff_frame_ratio']:.2f}",
            "≤ 1.3",
            len(ck_frame),
        ),
        ("Zones first showing, 10 y", f"{figures['zones_open_ms']:.0f} ms", "", "", "≤ 40 ms", len(zones)),
        ("History first showing, 1 y", f"{median(history[1]) * ms:.0f} ms", "", "", "", len(history[1])),
        (
            "History first showing, 10 y",
            f"{figures['history_open_ms_10y']:.0f} ms",
            "",
            "",
            "≤ 40 ms",
            len(history[10]),
        ),
        (
            "History first showing, 20 y / 1 y",
            f"{median(history[20]) * ms:.0f} ms",
            "",
            f"{figures['history_scale_ratio']:.2f}",
            "≤ 1.2",
            len(history[20]),
        ),
        ("Trends from History (v), 10 y", f"{figures['trends_open_ms_10y']:.0f} ms", "", "", "≤ 60 ms", len(trends)),
        (
            "scalp status, 10 y",
            f"{median(st_scalp) * ms:.0f} ms",
            f"{median(st_bare) * ms:.0f} ms",
            f"{figures['status_ratio']:.2f}",
            "≤ 1.5",
            len(st_scalp),
        ),
        (
            "peak RSS, History 20 y",
            f"{median(rss_scalp) / 1024:.1f} MiB",
            f"{median(rss_bare) / 1024:.1f} MiB",
            f"{figures['rss_ratio']:.2f}",
            "≤ 1.25",
            len(rss_scalp),
        ),
        (
            "peak RSS, History 20 y / 1 y",
            f"{median(rss_scalp) / 1024:.1f} MiB",
            f"{median(rss_small) / 1024:.1f} MiB",
            f"{figures['rss_scale_ratio']:.2f}",
            "≤ 1.05",
            len(rss_small),
        ),
        ("sync one new check, 20 y / 1 y", f"{figures['sync_one_check_ms_20y']:.1f} ms",
         f"{figures['sync_one_check_ms_1y']:.1f} ms", f"{figures['sync_scale_ratio']:.2f}", "≤ 1.2", "15"),
    ]
    header = ("measurement (medians)", "scalp", "floor", "ratio", "goal", "runs")
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    load = os.getloadavg()
    print(
        f"\n{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"terminal {width}x{height}{', quick run' if quick else ''}"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures there as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer runs (about a minute); noisier")
    parser.add_argument("--size", default="100x30", help="the terminal's size (default 100x30)")
    args = parser.parse_args()
    if not Path(SCALP).exists():
        sys.exit(f"scalp is not installed beside {PYTHON} (pip install -e .)")
    figures = run(args)
    if args.json:
        args.json.write_text(
            json.dumps({key: round(value, 3) for key, value in figures.items()}, indent=2) + "\n"
        )


if __name__ == "__main__":
    main()
