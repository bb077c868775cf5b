"""Daily reminders, the pure part: reading --at and --days, the reminder's text, and the timer files.

`scalp remind install` writes what this module builds (a systemd user timer, a launchd agent
or a crontab line); `scalp remind notify`, which they run, asks `reminder_text` whether today
still needs a nudge and what to say.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import time
from xml.sax.saxutils import escape

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = Python's weekday()
FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SYSTEMD_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
UNIT = "scalp-remind"  # the systemd unit name, launchd label suffix and crontab marker
LAUNCHD_LABEL = "org.scalp.remind"
CRON_MARKER = "# scalp remind: added by `scalp remind install`, removed by `scalp remind uninstall`"


class ReminderError(ValueError):
    """Bad --at or --days; the message is one line."""


def parse_at(text: str) -> time:
    """HH:MM, 00:00 to 23:59."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ReminderError(f"--at {text!r} is not a time of day (HH:MM, 00:00 to 23:59)")
    return time(int(match[1]), int(match[2]))


def parse_days(text: str | None) -> tuple[int, ...]:
    """Weekdays as Python numbers (Monday 0), from "mon,tue,..." (full names too); every day when empty."""
    if text is None or not text.strip():
        return tuple(range(7))
    days = set()
    for part in text.split(","):
        name = part.strip().lower()
        day = WEEKDAYS.index(name) if name in WEEKDAYS else FULL_NAMES.index(name) if name in FULL_NAMES else None
        if day is None:
            raise ReminderError(f"--days: {part.strip()!r} is not a weekday (use mon,tue,wed,thu,fri,sat,sun)")
        days.add(day)
    return tuple(sorted(days))


def days_text(days: tuple[int, ...]) -> str:
    """"every day", or the days as written for --days."""
    return "every day" if len(days) == 7 else ",".join(WEEKDAYS[d] for d in days)


def reminder_text(*, done: bool, rest: bool, passes: int, target: int, streak: int) -> str | None:
    """What the notification says, or None when today needs no reminder (done, or a rest day)."""
    if done or rest:
        return None
    if passes:
        left = f"{passes} of {target} passes done"
        return f"Today's scalp massage is under way ({left}); finish it to keep your {_days(streak)} streak."
    if streak:
        return f"Your {_days(streak)} streak is at stake: today's scalp massage is not done yet."
    return "Today's scalp massage is not done yet: a few minutes start a new streak."


def _days(count: int) -> str:
    return f"{count}-day"


@dataclass(frozen=True)
class Reminder:
    """When to remind, and the command line the timer runs."""

    at: time
    days: tuple[int, ...]
    command: tuple[str, ...]

    @property
    def shell_command(self) -> str:
        return shlex.join(self.command)


def systemd_units(reminder: Reminder) -> dict[str, str]:
    """The service and timer files, by file name."""
    days = "" if len(reminder.days) == 7 else ",".join(SYSTEMD_DAYS[d] for d in reminder.days) + " "
    # systemd splits ExecStart like a shell, but expands % specifiers: double them.
    exec_start = " ".join(_systemd_quote(part) for part in reminder.command)
    service = (
        "[Unit]\n"
        "Description=scalp: remind me of today's scalp massage\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exec_start}\n"
    )
    timer = (
        "[Unit]\n"
        "Description=scalp: daily reminder\n\n"
        "[Timer]\n"
        f"OnCalendar={days}*-*-* {reminder.at:%H:%M}:00\n"
        "Persistent=false\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def _systemd_quote(part: str) -> str:
    part = part.replace("%", "%%")
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", part):
        return part
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'


def launchd_plist(reminder: Reminder) -> str:
    """The launch agent's property list."""
    arguments = "".join(f"\n        <string>{escape(part)}</string>" for part in reminder.command)
    # launchd numbers weekdays from Sunday = 0; every day is one entry without a Weekday.
    if len(reminder.days) == 7:
        entries = [_calendar_entry(reminder.at, None)]
    else:
        entries = [_calendar_entry(reminder.at, (d + 1) % 7) for d in reminder.days]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
        '<plist version="1.0">\n<dict>\n'
        f"    <key>Label</key>\n    <string>{LAUNCHD_LABEL}</string>\n"
        f"    <key>ProgramArguments</key>\n    <array>{arguments}\n    </array>\n"
        f"    <key>StartCalendarInterval</key>\n    <array>{''.join(entries)}\n    </array>\n"
        "</dict>\n</plist>\n"
    )


def _calendar_entry(at: time, weekday: int | None) -> str:
    day = f"<key>Weekday</key><integer>{weekday}</integer>" if weekday is not None else ""
    return (
        f"\n        <dict><key>Hour</key><integer>{at.hour}</integer>"
        f"<key>Minute</key><integer>{at.minute}</integer>{day}</dict>"
    )


def cron_line(reminder: Reminder, environment: dict[str, str] | None = None) -> str:
    """One crontab line (with its marker comment at the end), cron's weekdays numbered from Sunday = 0."""
    days = "*" if len(reminder.days) == 7 else ",".join(str((d + 1) % 7) for d in reminder.days)
    env = " ".join(f"{key}={shlex.quote(value)}" for key, value in sorted((environment or {}).items()))
    command = f"{env} {reminder.shell_command}" if env else reminder.shell_command
    # % ends the command in a crontab line: escape it.
    return f"{reminder.at.minute} {reminder.at.hour} * * {days} {command.replace('%', chr(92) + '%')} {CRON_MARKER}"


def without_our_lines(crontab: str) -> str:
    """The crontab with exactly the lines `scalp remind install` added taken out."""
    kept = [line for line in crontab.splitlines() if not line.rstrip().endswith(CRON_MARKER)]
    return "\n".join(kept) + ("\n" if kept else "")
