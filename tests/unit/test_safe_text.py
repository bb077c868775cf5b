"""safe_text: no character that drives a terminal survives, and ordinary text is untouched."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui.core.safe_text import safe_text

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def acts_on_terminal(char: str, *, multiline: bool) -> bool:
    """Independent oracle: what must never reach the screen as itself."""
    if multiline and char in "\n\t":
        return False
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Zl", "Zp") or char in BIDI


def test_csi_and_osc_become_visible():
    shown = safe_text("x\x1b[2J\x1b[41mRED\x1b]2;pwned\x07")
    assert shown == "x␛[2J␛[41mRED␛]2;pwned␇"


def test_nul_del_and_c1_are_visible():
    assert safe_text("a\x00b\x7fc\x9bd\x9de") == "a␀b␡c⟨U+009B⟩d⟨U+009D⟩e"


def test_bidi_override_is_shown_by_code_point():
    assert safe_text("abc\u202efdp.exe") == "abc⟨U+202E⟩fdp.exe"
    assert safe_text("\u2066x\u2069") == "⟨U+2066⟩x⟨U+2069⟩"


def test_newline_and_tab_kept_only_when_multiline():
    assert safe_text("one\ntwo\tthree") == "one␊two␉three"
    assert safe_text("one\ntwo\tthree", multiline=True) == "one\ntwo\tthree"


def test_carriage_return_is_never_kept():
    assert safe_text("ok\rbad", multiline=True) == "ok␍bad"


def test_unicode_line_separators_do_not_split_a_line():
    assert safe_text("a\u2028b\u2029c") == "a⟨U+2028⟩b⟨U+2029⟩c"


def test_undecodable_file_name_bytes_become_visible():
    name = b"notes\x9b.csv".decode("utf-8", "surrogateescape")
    assert safe_text(name) == "notes⟨U+DC9B⟩.csv"
    safe_text(name).encode("utf-8")  # printable as UTF-8: no UnicodeEncodeError


def test_markup_wide_characters_and_emoji_unchanged():
    text = "[@click=app.quit]頭皮マッサージ 💆 [b]bold[/b] café"
    assert safe_text(text) == text


def test_long_line_is_kept_whole():
    text = "x" * 10_000 + "\x1b" + "y" * 10_000
    assert safe_text(text) == "x" * 10_000 + "␛" + "y" * 10_000


@given(st.text(), st.booleans())
def test_nothing_that_acts_on_a_terminal_survives(text, multiline):
    shown = safe_text(text, multiline=multiline)
    assert not any(acts_on_terminal(char, multiline=multiline) for char in shown)


@given(st.text(), st.booleans())
def test_harmless_characters_are_kept_in_order(text, multiline):
    kept = [char for char in text if not acts_on_terminal(char, multiline=multiline)]
    shown = safe_text(text, multiline=multiline)
    # Every harmless character appears in the output, in order (a subsequence).
    rest = iter(shown)
    assert all(any(char == got for got in rest) for char in kept)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_text_without_controls_is_unchanged(text):
    if not BIDI & set(text):
        assert safe_text(text) == text
