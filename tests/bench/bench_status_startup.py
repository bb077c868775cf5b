"""How long a whole `scalp status` process takes, against `python -c "import sqlite3"`.

A script, not a test: it prints figures. `scalp status` runs on every shell prompt, and
the goal is a process within 3x of Python starting and importing sqlite3.

    python tests/bench/bench_status_startup.py [--runs 60] [--years 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], runs: int, env: dict) -> tuple[float, float]:
    """(median, fastest) wall time in milliseconds, after a few warm-up runs."""
    for _ in range(3):
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--years", type=int, default=20, help="length of the demo history to read")
    args = parser.parse_args()
    scalp = Path(sys.executable).parent / "scalp"
    if not scalp.exists():
        sys.exit("install scalp in this environment first (pip install -e .)")
    with tempfile.TemporaryDirectory() as folder:
        # Where platformdirs puts it with XDG_DATA_HOME set, so the last case reads it too.
        db = Path(folder) / "scalp" / "scalp.db"
        subprocess.run(
            [str(scalp), "demo", "--db", str(db), "--years", str(args.years)], check=True, stdout=subprocess.DEVNULL
        )
        env = {**os.environ, "XDG_DATA_HOME": folder, "SCALP_DB": ""}
        base, base_min = timed([sys.executable, "-c", "import sqlite3"], args.runs, env)
        print(f"python -c 'import sqlite3'        {base:6.1f} ms median  {base_min:6.1f} ms fastest")
        cases = {
            f"scalp status --db ({args.years} years)": [str(scalp), "status", "--db", str(db)],
            "scalp status --json --check --db": [str(scalp), "status", "--json", "--check", "--db", str(db)],
            "scalp status (default location)": [str(scalp), "status"],
        }
        for label, command in cases.items():
            median, fastest = timed(command, args.runs, env)
            print(f"{label:34} {median:6.1f} ms median  {fastest:6.1f} ms fastest  ({median / base:.2f}x)")


if __name__ == "__main__":
    main()
