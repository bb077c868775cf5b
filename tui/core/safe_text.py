"""Make stored or imported text safe to show: no character in it can drive the terminal."""

from __future__ import annotations

import re
from functools import cache

# Stored text (notes, rest reasons, imported habit names, file names) is shown
# exactly as the user gave it, except for the characters a terminal or a
# renderer acts on instead of printing. Those become visible, inert glyphs, so
# an escape sequence in a note reads as "␛[2J" rather than clearing the screen.
# The stored bytes are never changed: this is for showing only.

_C0_PICTURE_BASE = 0x2400  # U+2400..U+241F are the "control pictures" of C0
_DEL_PICTURE = "\u2421"  # ␡

# Characters a terminal acts on: C0 and DEL; C1 (0x9B is CSI and 0x9D is OSC on 8-bit
# terminals); bidi overrides, embeddings and isolates; the Unicode line and paragraph
# separators (Python splits lines at them); lone surrogates (undecodable file-name bytes,
# unprintable as UTF-8). One character class, so importing this module costs no table.
_OTHERS = "\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff"
_CLASSES = {
    "single": f"[\\x00-\\x1f{_OTHERS}]",
    "multiline": f"[\\x00-\\x08\\x0b-\\x1f{_OTHERS}]",  # newline (0x0a) and tab (0x09) kept
    "json": f"[{_OTHERS}]",  # JSON escapes C0 controls itself; without ensure_ascii it leaves the rest raw
}


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    # Compiled on first use: `scalp status` runs at every prompt, and most runs show no stored text.
    return re.compile(_CLASSES[kind])


def _glyph(match: re.Match[str]) -> str:
    cp = ord(match.group())
    if cp < 0x20:
        return chr(_C0_PICTURE_BASE + cp)
    if cp == 0x7F:
        return _DEL_PICTURE
    return f"\u27e8U+{cp:04X}\u27e9"  # ⟨U+202E⟩


def safe_text(text: str, *, multiline: bool = False) -> str:
    """`text` with every terminal-driving character turned into a visible, inert glyph.

    C0 controls become their control pictures (ESC is "␛", NUL "␀"), DEL is "␡";
    C1 controls, bidi overrides and isolates, the Unicode line separators and lone
    surrogates are shown by code point ("⟨U+009B⟩"). With `multiline`, newline and
    tab are kept; a carriage return is never kept, since it lets later text
    overwrite earlier text on the same line. Printable text, wide characters
    and emoji are unchanged, and so are markup-like brackets: callers show the
    result as plain text (Content or Text), never as markup.
    """
    if text.isprintable():  # nothing to change, and no pattern to compile
        return text
    return _pattern("multiline" if multiline else "single").sub(_glyph, text)


def inert_json(encoded: str) -> str:
    """A JSON text from ``json.dumps(..., ensure_ascii=False)`` with no terminal-driving character.

    Only characters inside string literals can be affected (a terminal acts on them when the
    file is printed), and each is replaced by its ``\\uXXXX`` escape, so the document decodes
    to exactly the same values and CJK text stays readable.
    """
    if encoded.isascii() and "\x7f" not in encoded:
        return encoded
    return _pattern("json").sub(lambda match: f"\\u{ord(match.group()):04x}", encoded)
