"""How long a check-off takes on the Zones screen: key → committed row → repainted screen.

Run: python tests/bench/bench_zones_check.py [--db PATH]  (a file database, WAL, synchronous=FULL).
Prints the median and 95th percentile of (a) the check itself (write + model + marking the
rows dirty) and (b) the check's key handler starting → the next frame composed and written.
The second includes waiting for the screen's frame timer (up to 1/60 s).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.store import Log  # noqa: E402
from tui.ui.app import ScalpApp  # noqa: E402


def summary(label: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"{label:<34} median {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms   n={len(ms)}"


async def bench(db: Path, size: tuple[int, int]) -> None:
    log = Log.open(db)
    app = ScalpApp(log)
    action: list[float] = []
    to_frame: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.press("z")
        await pilot.pause()
        screen = app.screen
        started: list[float] = []
        frames: list[float] = []
        check, refresh = screen.action_check, screen._compositor_refresh

        def timed_check() -> None:
            started.append(time.perf_counter())
            check()
            action.append(time.perf_counter() - started[-1])

        def timed_refresh() -> None:
            refresh()
            frames.append(time.perf_counter())

        screen.action_check = timed_check
        screen._compositor_refresh = timed_refresh
        for _ in range(3 * 11 + 10):  # three passes and some of a bonus one
            await pilot.press("space")
            await pilot.pause()
            after = [frame for frame in frames if frame > started[-1]]
            if after:
                to_frame.append(after[0] - started[-1])
    log.close()
    print(f"terminal {size[0]}x{size[1]}, database {db}")
    print(summary("check (write + repaint marks)", action))
    print(summary("check starts → frame written", to_frame))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database file (default: a fresh temporary one)")
    args = parser.parse_args()
    for size in ((80, 24), (120, 40)):
        with tempfile.TemporaryDirectory() as tmp:
            asyncio.run(bench(args.db or Path(tmp) / "bench.db", size))


if __name__ == "__main__":
    main()
