"""The pure part of reminders: --at and --days, the text, and the files each scheduler gets."""

from __future__ import annotations

import plistlib
from datetime import date, time

import pytest

from tui.core.remind import (
    CRON_MARKER,
    Reminder,
    ReminderError,
    cron_line,
    days_text,
    launchd_plist,
    parse_at,
    parse_days,
    reminder_text,
    systemd_units,
    without_our_lines,
)

COMMAND = ("/opt/my venv/bin/python", "-m", "tui", "remind", "notify", "--db", "/home/u/100%/scalp.db")


def test_at_accepts_hh_mm_and_refuses_the_rest():
    assert parse_at("20:30") == time(20, 30) and parse_at("7:05") == time(7, 5) and parse_at("00:00") == time(0, 0)
    for bad in ("25:00", "24:00", "12:60", "noon", "", "12", "12:5", "-1:00"):
        with pytest.raises(ReminderError, match="not a time of day"):
            parse_at(bad)


def test_days_by_short_or_full_name_in_any_order():
    assert parse_days(None) == tuple(range(7)) and parse_days("") == tuple(range(7))
    assert parse_days("fri,MON, tue,monday") == (0, 1, 4)
    assert parse_days("sunday") == (6,)
    for bad in ("mo", "mon,,tue", "funday", "mon;tue"):
        with pytest.raises(ReminderError, match="is not a weekday"):
            parse_days(bad)
    assert days_text((0, 1, 4)) == "mon,tue,fri" and days_text(tuple(range(7))) == "every day"


def test_no_reminder_when_done_or_resting_and_the_streak_is_named_when_at_stake():
    assert reminder_text(done=True, rest=False, passes=3, target=3, streak=5) is None
    assert reminder_text(done=False, rest=True, passes=0, target=3, streak=5) is None
    assert "12-day streak is at stake" in reminder_text(done=False, rest=False, passes=0, target=3, streak=12)
    under_way = reminder_text(done=False, rest=False, passes=1, target=3, streak=4)
    assert "1 of 3 passes" in under_way and "4-day streak" in under_way
    assert "new streak" in reminder_text(done=False, rest=False, passes=0, target=3, streak=0)


def test_systemd_timer_runs_on_the_chosen_days_and_the_command_survives_quoting():
    units = systemd_units(Reminder(time(7, 5), (0, 2, 6), COMMAND))
    assert set(units) == {"scalp-remind.service", "scalp-remind.timer"}
    assert "OnCalendar=Mon,Wed,Sun *-*-* 07:05:00\n" in units["scalp-remind.timer"]
    assert 'ExecStart="/opt/my venv/bin/python" -m tui remind notify --db /home/u/100%%/scalp.db\n' in units[
        "scalp-remind.service"
    ]
    assert "OnCalendar=*-*-* 20:30:00" in systemd_units(Reminder(time(20, 30), tuple(range(7)), COMMAND))["scalp-remind.timer"]


def test_launchd_numbers_weekdays_from_sunday():
    plist = plistlib.loads(launchd_plist(Reminder(time(20, 30), (0, 6), COMMAND)).encode())
    assert plist["ProgramArguments"] == list(COMMAND)
    # date(2026, 11, 23) is a Monday: launchd's number for it is 1, Sunday's 0.
    assert date(2026, 11, 23).isoweekday() % 7 == 1
    assert plist["StartCalendarInterval"] == [
        {"Hour": 20, "Minute": 30, "Weekday": 1},
        {"Hour": 20, "Minute": 30, "Weekday": 0},
    ]
    every = plistlib.loads(launchd_plist(Reminder(time(8, 0), tuple(range(7)), COMMAND)).encode())
    assert every["StartCalendarInterval"] == [{"Hour": 8, "Minute": 0}]


def test_cron_line_and_taking_exactly_it_out_again():
    line = cron_line(Reminder(time(20, 30), (0, 6), COMMAND), {"DISPLAY": ":0"})
    assert line.startswith("30 20 * * 1,0 DISPLAY=:0 '/opt/my venv/bin/python' -m tui remind notify")
    assert "100\\%" in line and line.endswith(CRON_MARKER)
    theirs = "# my jobs\n0 1 * * * backup.sh\n"
    assert without_our_lines(theirs + line + "\n") == theirs
    assert without_our_lines(line + "\n") == ""
