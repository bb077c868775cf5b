"""Import of one habit from Loop Habit Tracker's CSV export or full backup into the log.

YES_MANUAL days become full sessions (source "import", the usual passes and the
minutes of the user's pace); SKIP days become rest days; YES_AUTO (Loop's filler when
a weekly target was met), NO and UNKNOWN are left out. Ids are derived from the habit
and the day, so importing the same export again adds nothing; a day that already has a
session in scalp keeps it and gets nothing from Loop. One transaction, as any import.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.calendar import local_zone
from tui.core.loop_csv import SKIP, YES_MANUAL, LoopError, LoopExport, LoopHabit, LoopMark, choose_habit, is_loop_export
from tui.core.pace import session_minutes
from tui.store.exchange import Bundle, ImportReport, Row, import_bundle
from tui.store.loop_backup import LoopBackup, is_sqlite_file

if TYPE_CHECKING:
    from tui.store.log import Log

#: Fixed, so the ids of an imported day are the same on every machine and every run.
NAMESPACE = uuid.UUID("5c1a1b1e-0000-4000-8000-6c6f6f700000")
IMPORTED_AT = time(12, 0)  # Loop keeps no time of day: noon, local


@dataclass
class LoopReport:
    habit: LoopHabit
    practised: int = 0  # YES_MANUAL days in the export
    rest: int = 0  # SKIP days
    ignored: int = 0  # YES_AUTO, NO and UNKNOWN days
    future: int = 0  # days after today, left out
    already_practised: int = 0  # days that already had a session in scalp
    imported_before: int = 0  # days this import had already brought in
    rows: ImportReport = field(default_factory=ImportReport)

    @property
    def sessions_added(self) -> int:
        return self.rows.added.get("sessions", 0)

    @property
    def rest_added(self) -> int:
        return self.rows.added.get("rest_days", 0)


def _id(*parts: object) -> str:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)).hex


def _session_id(habit: LoopHabit, mark: LoopMark) -> str:
    return _id("loop", habit.name, mark.day.isoformat())


def _ts(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def is_loop_file(path: Path) -> bool:
    """True for what import_loop reads, judged by content: a CSV export (zip or folder) or a SQLite
    file (then LoopBackup says whether it really is Loop's backup, with the reason if not)."""
    return is_sqlite_file(path) or is_loop_export(path)


def open_loop(path: Path) -> LoopExport | LoopBackup:
    """The Loop export or full backup at ``path``, picked by content, not by name."""
    return LoopBackup(path) if is_sqlite_file(path) else LoopExport(path)


def import_loop(log: Log, path: Path, habit_name: str | None = None, *, dry_run: bool = False) -> LoopReport:
    """Import one habit of the Loop export or backup at ``path``; LoopError or BadImport if it is malformed."""
    export = open_loop(path)
    what = "backup" if isinstance(export, LoopBackup) else "export"
    habit = choose_habit(export.habits(), habit_name, what=what)
    if habit.kind and habit.kind != "YES_NO":
        raise LoopError(f"{habit.name!r} is a {habit.kind.lower()} habit; only yes/no habits can be imported")
    marks = export.marks(habit)
    report = LoopReport(habit)
    today = log.today()
    kept = []
    for mark in marks:
        if mark.day > today:
            report.future += 1
        elif mark.value == YES_MANUAL:
            report.practised += 1
            kept.append(mark)
        elif mark.value == SKIP:
            report.rest += 1
            kept.append(mark)
        else:
            report.ignored += 1
    busy = log.days_with_sessions(kept[0].day, kept[-1].day) if kept else set()
    log_ids = {s.id for s in log.sessions_between(kept[0].day, kept[-1].day)} if busy else set()
    bundle = Bundle(str(path), {"sessions": [], "checks": [], "rest_days": []})
    for mark in kept:
        if mark.day in busy:
            # A session logged in scalp wins: never a second one from Loop on the same day.
            if mark.value == YES_MANUAL and _session_id(habit, mark) in log_ids:
                report.imported_before += 1
            elif mark.value == YES_MANUAL:
                report.already_practised += 1
            continue
        if mark.value == YES_MANUAL:
            _add_session(log, bundle, habit, mark)
        else:
            _add_rest(log, bundle, habit, mark)
    report.rows = import_bundle(log, bundle, dry_run=dry_run)
    return report


def _add_session(log: Log, bundle: Bundle, habit: LoopHabit, mark: LoopMark) -> None:
    settings = log.settings()
    zones = log.routine.zone_ids
    minutes = session_minutes(settings, zones, settings.passes)
    start = datetime.combine(mark.day, IMPORTED_AT, tzinfo=log.zone or local_zone())
    end = start + timedelta(minutes=minutes)
    sid = _session_id(habit, mark)

    def where() -> str:
        return mark.where  # every row made from a mark points at the mark's line

    bundle.rows["sessions"].append(
        Row(
            {
                "id": sid,
                "day": mark.day.isoformat(),
                "started_at": _ts(start),
                "ended_at": _ts(end),
                "last_seen_at": _ts(end),
                "technique": settings.technique,
                "oil": 0,
                "note": mark.note,
                "source": "import",
                "minutes": float(minutes),
            },
            where,
            from_text=False,
        )
    )
    total = settings.passes * len(zones)
    for index, (pass_no, zone) in enumerate((p, z) for p in range(1, settings.passes + 1) for z in zones):
        at = start + (end - start) * (index + 1) / total
        bundle.rows["checks"].append(
            Row(
                {
                    "id": _id(sid, pass_no, zone),
                    "session_id": sid,
                    "day": mark.day.isoformat(),
                    "pass_no": pass_no,
                    "zone": zone,
                    "technique": settings.technique,
                    "at": _ts(at),
                },
                where,
                from_text=False,
            )
        )


def _add_rest(log: Log, bundle: Bundle, habit: LoopHabit, mark: LoopMark) -> None:
    day = mark.day.isoformat()
    bundle.rows["rest_days"].append(
        Row(
            {
                "id": _id("loop-skip", habit.name, day),
                "day": day,
                "reason": mark.note or "skipped in Loop",
                "created_at": _ts(datetime.combine(mark.day, IMPORTED_AT, tzinfo=log.zone or local_zone())),
            },
            lambda: mark.where,
            from_text=False,
        )
    )
