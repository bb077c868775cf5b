"""The keys.toml parser and checks, without Textual."""

import re
import subprocess
import sys

import pytest

from tui.ui.state.keymap import BadKey, find_clashes, load_keymap, normalize_key, parse_keymap

KNOWN = {"app.today", "app.zones", "app.history", "app.help", "app.quit", "app.settings", "help.close",
         "settings.close", "zones.check", "zones.undo"}  # fmt: skip
DEFAULTS = {
    "app.today": "t", "app.zones": "z", "app.history": "h", "app.help": "question_mark", "app.quit": "q",
    "app.settings": "comma", "help.close": "escape,q,question_mark", "settings.close": "escape",
    "zones.check": "space,enter", "zones.undo": "u",
}  # fmt: skip
MODES = ("today", "zones", "history")


def test_the_parser_does_not_import_textual():
    code = "import sys, tui.ui.state.keymap; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("f1", "f1"),
        ("F1", "f1"),
        ("?", "question_mark"),
        ("[", "left_square_bracket"),
        ("-", "minus"),
        ("Ctrl+S", "ctrl+s"),
        ("ctrl+shift+up", "ctrl+shift+up"),
        ("A", "A"),
        ("esc", "escape"),
        ("pgdn", "pagedown"),
        ("comma", "comma"),
        ("question_mark", "question_mark"),
        ("less_than_sign", "less_than_sign"),
        (" space ", "space"),
    ],
)
def test_keys_are_normalized_to_textual_names(token, expected):
    assert normalize_key(token) == expected


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("", "empty"),
        (" ", "empty"),
        ("ctlr+s", "unknown modifier 'ctlr'"),
        ("ctrl+", "ends with '+'"),
        ("f99", "no key is called 'f99'"),
        ("enterr", "no key is called 'enterr'"),
    ],
)
def test_impossible_keys_are_refused(token, reason):
    with pytest.raises(BadKey, match=re.escape(reason)):
        normalize_key(token)


def test_dotted_keys_tables_and_quoted_ids_all_work():
    text = """
app.today = "f1"
"app.zones" = ["f2", "z"]
app.history = "f3, h"

[zones]
check = "x"
"""
    keymap, problems = parse_keymap(text, KNOWN)
    assert problems == []
    assert keymap == {"app.today": "f1", "app.zones": "f2,z", "app.history": "f3,h", "zones.check": "x"}


def test_an_empty_file_is_an_empty_keymap():
    assert parse_keymap("# nothing yet\n", KNOWN) == ({}, [])


def test_malformed_toml_is_reported_with_its_line():
    keymap, problems = parse_keymap('app.today = "f1"\napp.zones = f2\n', KNOWN)
    assert keymap == {}
    assert len(problems) == 1 and problems[0].startswith("not valid TOML") and "line 2" in problems[0]


def test_unknown_ids_are_reported_with_a_suggestion():
    _, problems = parse_keymap('app.todya = "f1"\nnothing.here = "x"\n', KNOWN)
    assert problems == [
        "unknown binding id 'app.todya' (did you mean app.today?)",
        "unknown binding id 'nothing.here'",
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("app.today = 3", "expected a key"),
        ("app.today = []", "expected a key"),
        ("app.today = [1, 2]", "expected a key"),
        ('app.today = "ctlr+t"', "unknown modifier"),
        ('app.today = "f1,,f2"', "empty key"),
    ],
)
def test_bad_values_are_reported_by_id(line, reason):
    keymap, problems = parse_keymap(line, KNOWN)
    assert len(problems) == 1 and problems[0].startswith("app.today: ") and reason in problems[0]


def test_clashes_in_one_scope_and_with_the_app_are_warned():
    warnings = find_clashes(DEFAULTS, {"zones.undo": "space", "app.today": "h"}, MODES)
    assert warnings == [
        "h is bound to both app.today and app.history",
        "space is bound to both zones.undo and zones.check",
    ]
    # a screen's key against a global one (the screen's would win there)
    assert find_clashes(DEFAULTS, {"zones.check": "h"}, MODES) == ["h is bound to both zones.check and app.history"]
    # but a dialog's key is not active with the mode keys
    assert find_clashes(DEFAULTS, {"help.close": "t"}, MODES) == []


def test_a_swap_and_the_defaults_own_overlaps_are_not_clashes():
    # help.close shares q and ? with the app on purpose; a swap of two keys frees each other's.
    assert find_clashes(DEFAULTS, {"app.today": "z", "app.zones": "t"}, MODES) == []
    assert find_clashes(DEFAULTS, {"app.quit": "x"}, MODES) == []


def test_reserved_keys_are_warned():
    warnings = find_clashes(DEFAULTS, {"app.today": "ctrl+p"}, MODES, {"ctrl+p": "the command palette"})
    assert warnings == ["ctrl+p also does the command palette, so app.today may not get it"]


def test_load_reports_a_missing_file_quietly(tmp_path):
    report = load_keymap(tmp_path / "keys.toml", KNOWN)
    assert (report.found, report.keymap, report.problems, report.message()) == (False, {}, (), None)
    assert "default keys" in report.summary()


def test_load_ignores_the_whole_file_when_anything_is_wrong(tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text('app.today = "f1"\napp.zoens = "f2"\n', encoding="utf-8")
    report = load_keymap(path, KNOWN, DEFAULTS, MODES)
    assert report.ignored and report.keymap == {}
    assert "did you mean app.zones?" in report.message()
    assert "The default keys are in use." in report.message()
    assert report.stderr_line().startswith(f"scalp: {path}: unknown binding id 'app.zoens'")


def test_load_survives_unreadable_and_binary_files(tmp_path):
    folder = tmp_path / "keys.toml"
    folder.mkdir()
    assert load_keymap(folder, KNOWN).problems[0].startswith("cannot be read")
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert load_keymap(binary, KNOWN).problems == ("is not UTF-8 text",)


def test_load_applies_a_good_file_and_keeps_warnings(tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text('zones.check = "h"\n', encoding="utf-8")
    report = load_keymap(path, KNOWN, DEFAULTS, MODES)
    assert report.keymap == {"zones.check": "h"} and not report.ignored
    assert report.summary() == "1 binding remapped"
    assert "h is bound to both zones.check and app.history" in report.message()
    assert report.stderr_line() is None


def test_many_problems_are_summarized(tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text("\n".join(f'nope.n{i} = "x"' for i in range(7)), encoding="utf-8")
    message = load_keymap(path, KNOWN).message()
    assert message.count("•") == 5 and "and 3 more" in message
