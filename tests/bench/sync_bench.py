"""Sync figures: one new check synced on a 20-year log against a 1-year log, and a first sync of 20 years.

    python tests/bench/sync_bench.py [--runs N] [--first-sync]

Each log is synced once to a folder; a copy of its file under a new device id plays the
other computer, already up to date. Then, run by run (1 year, 20 years, 1 year...), the
laptop checks off one zone and syncs (it publishes one operation) and the desktop syncs
(it applies it); the figure is the time of those two syncs, in process, without start-up.
``--first-sync`` also times `scalp sync` of a new, empty log from a folder holding 20 years.
It asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCALP = str(Path(sys.executable).parent / "scalp")


def _demo(db: Path, years: int) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [SCALP, "demo", "--db", str(db), "--years", str(years), "--seed", "1"],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _pair(db: Path, folder: Path):
    """The log (the laptop) and a copy of it under another device id (the desktop), both synced."""
    from tui.store import Log
    from tui.store.journal import meta_set, new_device_id
    from tui.store.sync import sync

    folder.mkdir(parents=True, exist_ok=True)
    laptop = Log.open(db)
    sync(laptop, folder)
    laptop.close()
    twin = db.with_name("desktop.db")
    shutil.copy(db, twin)
    conn = sqlite3.connect(twin)
    with conn:
        meta_set(conn, "device", new_device_id())
        meta_set(conn, "published_size", "0")
    conn.close()
    desktop = Log.open(twin)
    sync(desktop, folder)
    laptop = Log.open(db)
    sync(laptop, folder)
    return laptop, desktop


def _one_check(laptop, desktop, folder: Path, zone_index: int) -> float:
    from tui.store.sync import sync

    session = laptop.active_session() or laptop.start_session()
    zones = laptop.routine.zone_ids
    done = {c.zone for c in laptop.checks_for_session(session.id)}
    if len(done) == len(zones):
        laptop.finish_session(session.id)
        session = laptop.start_session()
        done = set()
    zone = next(z for z in zones if z not in done)
    laptop.add_check(session.id, 1, zone)
    started = time.perf_counter()
    sync(laptop, folder)
    report = sync(desktop, folder)
    elapsed = time.perf_counter() - started
    assert report.applied.added >= 1
    return elapsed


def measure_sync_scale(dbs: dict[int, Path], work: Path, runs: int = 15) -> dict[str, float]:
    """sync_scale_ratio: median time to sync one new check, 20 years over 1 year (goal <= 1.2)."""
    pairs = {years: _pair(dbs[years], work / f"share-{years}y") for years in (1, 20)}
    times: dict[int, list[float]] = {1: [], 20: []}
    for run in range(runs + 2):
        for years in (1, 20):
            laptop, desktop = pairs[years]
            elapsed = _one_check(laptop, desktop, work / f"share-{years}y", run)
            if run >= 2:  # the first two warm the file cache
                times[years].append(elapsed)
    for laptop, desktop in pairs.values():
        laptop.close()
        desktop.close()
    one, twenty = statistics.median(times[1]), statistics.median(times[20])
    return {
        "sync_one_check_ms_1y": one * 1000,
        "sync_one_check_ms_20y": twenty * 1000,
        "sync_scale_ratio": twenty / one,
    }


def measure_first_sync(db20: Path, work: Path) -> float:
    """Seconds for `scalp sync` of a new computer's empty log from a folder holding 20 years."""
    folder = work / "first-sync"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [SCALP, "sync", "--db", str(db20), "--dir", str(folder)], check=True, stdout=subprocess.DEVNULL
    )
    started = time.perf_counter()
    subprocess.run(
        [SCALP, "sync", "--db", str(work / "new-computer.db"), "--dir", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--first-sync", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scalp-sync-bench-") as folder:
        work = Path(folder)
        dbs = {years: work / f"{years}y" / "scalp.db" for years in (1, 20)}
        for years, db in dbs.items():
            _demo(db, years)
        figures = measure_sync_scale(dbs, work, args.runs)
        print(f"one new check, 1 year:   {figures['sync_one_check_ms_1y']:.1f} ms")
        print(f"one new check, 20 years: {figures['sync_one_check_ms_20y']:.1f} ms")
        print(f"sync_scale_ratio:        {figures['sync_scale_ratio']:.2f}  (goal <= 1.2)")
        if args.first_sync:
            fresh = work / "fresh-20y.db"
            _demo(fresh, 20)
            print(f"first sync of 20 years onto a new computer: {measure_first_sync(fresh, work):.1f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main()
