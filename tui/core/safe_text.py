"""Make stored or imported text safe to show: no character in it can drive the terminal."""

from __future__ import annotations

# Stored text (notes, rest reasons, imported habit names, file names) is shown
# exactly as the user gave it, except for the characters a terminal or a
# renderer acts on instead of printing. Those become visible, inert glyphs, so
# an escape sequence in a note reads as "␛[2J" rather than clearing the screen.
# The stored bytes are never changed: this is for showing only.

_C0_PICTURE_BASE = 0x2400  # U+2400..U+241F are the "control pictures" of C0
_DEL_PICTURE = "\u2421"  # ␡

# Characters with no control picture, shown by their code point.
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]  # overrides, embeddings, isolates
_LINE_BREAKS = [0x2028, 0x2029]  # Unicode line/paragraph separators split lines in Python
_C1 = range(0x80, 0xA0)  # 0x9B is CSI and 0x9D is OSC on 8-bit terminals
_SURROGATES = range(0xD800, 0xE000)  # undecodable file-name bytes; unprintable as UTF-8


def _code_point(cp: int) -> str:
    return f"\u27e8U+{cp:04X}\u27e9"  # ⟨U+202E⟩


def _table(keep: str) -> dict[int, str]:
    table: dict[int, str] = {cp: chr(_C0_PICTURE_BASE + cp) for cp in range(0x20)}
    table[0x7F] = _DEL_PICTURE
    for cp in (*_C1, *_BIDI, *_LINE_BREAKS, *_SURROGATES):
        table[cp] = _code_point(cp)
    for char in keep:
        del table[ord(char)]
    return table


_SINGLE_LINE = _table(keep="")
_MULTILINE = _table(keep="\n\t")


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
    return text.translate(_MULTILINE if multiline else _SINGLE_LINE)


# JSON escapes C0 controls itself; without ensure_ascii it leaves these raw, and a terminal
# acts on them (0x9B is CSI on an 8-bit terminal) when the file is printed. Escaped as
# \uXXXX they decode to the same text, and CJK text stays readable.
_JSON_RAW_CONTROLS = "".join(map(chr, (0x7F, *_C1, *_BIDI, *_LINE_BREAKS, *_SURROGATES)))
_JSON_ESCAPES = {ord(char): f"\\u{ord(char):04x}" for char in _JSON_RAW_CONTROLS}


def inert_json(encoded: str) -> str:
    """A JSON text from ``json.dumps(..., ensure_ascii=False)`` with no terminal-driving character.

    Only characters inside string literals can be affected, and each is replaced by its
    ``\\uXXXX`` escape, so the document decodes to exactly the same values.
    """
    return encoded.translate(_JSON_ESCAPES)
