"""Notes: one length rule, and multi-line notes shown indented and inert."""

from tui.core.notes import NOTE_MAX_CHARS, note_lines, note_too_long


def test_a_note_at_the_limit_is_accepted_and_one_over_is_refused():
    assert note_too_long("x" * NOTE_MAX_CHARS) is None
    message = note_too_long("x" * (NOTE_MAX_CHARS + 1))
    assert message == "the note has 10,001 characters; a note is at most 10,000"


def test_later_lines_are_indented():
    assert note_lines("first\nsecond\n\tthird", "  ") == "first\n  second\n      third"


def test_controls_in_a_note_are_inert():
    assert note_lines("a\x1b[2J\r\nb", "> ") == "a␛[2J␍\n> b"
