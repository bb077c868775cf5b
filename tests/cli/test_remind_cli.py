"""`scalp remind` with fake notify-send, systemctl, crontab and launchctl on PATH, a temporary config
home and the fixed clock: the user's own timers and crontab are never touched."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.cli.conftest import one_line_error

TODAY = date(2026, 11, 22)

LOGGER = '#!/bin/sh\necho "${0##*/} $*" >> "$FAKE_LOG"\n'
FAKES = {
    "notify-send": LOGGER,
    "systemctl": LOGGER + 'if [ "$2" = show-environment ]; then exit "${FAKE_SYSTEMD_EXIT:-0}"; fi\n',
    "launchctl": LOGGER,
    # A crontab kept in a file: -l prints it (exit 1 when there is none), - replaces it from stdin.
    "crontab": LOGGER + (
        'if [ "$1" = -l ]; then\n'
        '  [ -f "$FAKE_CRONTAB" ] || { echo "no crontab for you" >&2; exit 1; }\n'
        '  while IFS= read -r line; do printf "%s\\n" "$line"; done < "$FAKE_CRONTAB"\n'
        'elif [ "$1" = - ]; then\n'
        '  : > "$FAKE_CRONTAB"; while IFS= read -r line; do printf "%s\\n" "$line" >> "$FAKE_CRONTAB"; done\n'
        "fi\n"
    ),
}


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """A bin folder holding only the fakes asked for, as the whole PATH; a private home and config home."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.log"))
    monkeypatch.setenv("FAKE_CRONTAB", str(tmp_path / "crontab.txt"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)

    class Fake:
        config = home / ".config"
        crontab = tmp_path / "crontab.txt"

        @staticmethod
        def put(*names: str) -> None:
            for name in names:
                script = bin_dir / name
                script.write_text(FAKES[name])
                script.chmod(script.stat().st_mode | stat.S_IXUSR)

        @staticmethod
        def calls() -> list[str]:
            log = tmp_path / "calls.log"
            return log.read_text().splitlines() if log.exists() else []

    return Fake


def test_notify_sends_one_notification_naming_the_streak_at_stake(scalp, fake):
    fake.put("notify-send")
    scalp("log", "--date", "2026-11-20")
    scalp("log", "--date", "2026-11-21")
    result = scalp("remind", "notify")
    assert result.exit_code == 0, result.stderr
    (call,) = fake.calls()
    assert call.startswith("notify-send --app-name=scalp scalp ") and "2-day streak is at stake" in call
    assert "Reminded (notify-send)" in result.stdout


@pytest.mark.parametrize("how", ["done", "rest"])
def test_notify_stays_quiet_once_today_is_done_or_a_rest_day(scalp, fake, how):
    fake.put("notify-send")
    scalp("log") if how == "done" else scalp("rest", "--reason", "travel")
    result = scalp("remind", "notify")
    assert result.exit_code == 0 and fake.calls() == []
    assert result.stdout == "Nothing to remind: today is done or a rest day.\n"


def test_notify_without_notify_send_or_osascript_rings_the_bell(scalp, fake):
    result = scalp("remind", "notify")
    assert result.exit_code == 0
    assert result.stdout.startswith("\aReminded (terminal bell): ")
    assert not scalp.db.exists()  # reading today's state never creates the log


def test_install_a_systemd_user_timer_then_uninstall_exactly_it(scalp, fake):
    fake.put("systemctl")
    units = fake.config / "systemd" / "user"
    units.mkdir(parents=True)
    (units / "mine.service").write_text("[Service]\n")  # the user's own unit stays
    result = scalp("remind", "install", "--at", "20:30", "--days", "mon,fri")
    assert result.exit_code == 0, result.stderr
    assert "Reminder set: mon,fri at 20:30, by a systemd user timer." in result.stdout
    assert "scalp remind uninstall" in result.stdout
    timer = (units / "scalp-remind.timer").read_text()
    assert "OnCalendar=Mon,Fri *-*-* 20:30:00" in timer
    service = (units / "scalp-remind.service").read_text()
    assert f"remind notify --db {scalp.db.resolve()}" in service
    assert "systemctl --user enable --now scalp-remind.timer" in fake.calls()
    state = json.loads((fake.config / "scalp" / "remind.json").read_text())
    assert state["via"] == "systemd" and state["at"] == "20:30" and state["days"] == [0, 4]
    status = scalp("remind", "status")
    assert "Reminder: mon,fri at 20:30, by a systemd user timer." in status.stdout
    assert "Now it would say: " in status.stdout
    removed = scalp("remind", "uninstall", db=False)
    assert removed.exit_code == 0 and removed.stdout.startswith("Removed the reminder (a systemd user timer: ")
    assert sorted(p.name for p in units.iterdir()) == ["mine.service"]
    assert "systemctl --user disable --now scalp-remind.timer" in fake.calls()
    assert not (fake.config / "scalp" / "remind.json").exists()
    assert scalp("remind", "uninstall", db=False).stdout == "No reminder is installed by scalp; nothing to remove.\n"


def test_without_a_systemd_user_manager_a_crontab_line_is_added_and_removed_alone(scalp, fake, monkeypatch):
    fake.put("systemctl", "crontab")
    monkeypatch.setenv("FAKE_SYSTEMD_EXIT", "1")  # systemctl exists, but no user manager runs
    fake.crontab.write_text("# mine\n0 3 * * * /usr/bin/true\n")
    result = scalp("remind", "install", "--at", "07:15", "--days", "sun")
    assert result.exit_code == 0, result.stderr
    assert "by a line in your crontab" in result.stdout
    lines = fake.crontab.read_text().splitlines()
    assert lines[:2] == ["# mine", "0 3 * * * /usr/bin/true"]
    assert lines[2].startswith("15 7 * * 0 ") and "remind notify --db" in lines[2]
    again = scalp("remind", "install", "--at", "08:00")  # replaces, never adds a second line
    assert "replaces the one installed before" in again.stdout
    assert len(fake.crontab.read_text().splitlines()) == 3
    assert scalp("remind", "uninstall", db=False).exit_code == 0
    assert fake.crontab.read_text() == "# mine\n0 3 * * * /usr/bin/true\n"


def test_launchd_agent_is_loaded_and_unloaded(scalp, fake):
    fake.put("launchctl")
    result = scalp("remind", "install", "--at", "21:00", "--via", "launchd")
    assert result.exit_code == 0, result.stderr
    plist = Path(fake.config.parent / "Library" / "LaunchAgents" / "org.scalp.remind.plist")
    assert plist.is_file() and f"launchctl load -w {plist}" in fake.calls()
    scalp("remind", "uninstall", db=False)
    assert not plist.exists() and f"launchctl unload -w {plist}" in fake.calls()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--at", "25:00"), "--at '25:00' is not a time of day (HH:MM, 00:00 to 23:59)"),
        (("--at", "20:00", "--days", "mon,funday"), "--days: 'funday' is not a weekday"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_installs_nothing(scalp, fake, args, words):
    fake.put("systemctl", "crontab")
    result = scalp("remind", "install", *args)
    assert result.exit_code == 2
    assert one_line_error(result).startswith(f"scalp: {words}")
    assert fake.calls() == [] and not fake.config.exists() and not scalp.db.exists()


def test_no_scheduler_at_all_is_one_line(scalp, fake):
    result = scalp("remind", "install", "--at", "20:00")
    assert result.exit_code == 2
    assert "found no systemd user manager, launchd or crontab" in one_line_error(result)


@pytest.mark.parametrize("command", ["status", "uninstall", "install"])
def test_a_remind_json_that_is_not_an_object_is_one_line_not_a_traceback(scalp, fake, command):
    fake.put("systemctl")
    state = fake.config / "scalp" / "remind.json"
    state.parent.mkdir(parents=True)
    state.write_text("[1]\n")  # valid JSON, but not what install writes (it once ended in AttributeError)
    args = ("--at", "20:30") if command == "install" else ()
    result = scalp("remind", command, *args, db=command != "uninstall")  # uninstall takes no --db
    assert result.exit_code == 2
    assert one_line_error(result) == f"scalp: cannot read {state}: not what `scalp remind install` writes (a JSON object)"
    assert state.read_text() == "[1]\n"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ('{"via": "systemd", "files": 5}', "files must be a list of paths"),
        ('{"via": "systemd", "days": ["mon"]}', "days must be a list of weekdays 0 to 6"),
        ('{"via": "cron", "line": 7}', "line must be a text"),
        ('{"via": "telegraph"}', "via must be one of systemd, launchd, cron"),
    ],
)
@pytest.mark.parametrize("command", ["status", "uninstall", "install"])
def test_a_remind_json_with_odd_fields_is_one_line_and_left_as_it_is(scalp, fake, command, content, why):
    fake.put("systemctl")
    state = fake.config / "scalp" / "remind.json"
    state.parent.mkdir(parents=True)
    state.write_text(content)
    args = ("--at", "20:30") if command == "install" else ()
    result = scalp("remind", command, *args, db=command != "uninstall")
    assert result.exit_code == 2
    assert one_line_error(result) == f"scalp: cannot read {state}: not what `scalp remind install` writes ({why})"
    # Nothing was set up or removed (install may have asked which scheduler runs, no more).
    assert state.read_text() == content
    assert all(call.endswith("show-environment") for call in fake.calls()), fake.calls()
