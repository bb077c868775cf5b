"""One hostile corpus for every text field, and the check that none of it drives a terminal."""

from __future__ import annotations

import re

# Each entry is text a user could type, paste or import. Shown anywhere, none of its
# control sequences may reach the terminal as such.
CORPUS: dict[str, str] = {
    "csi": "x\x1b[2J\x1b[41mRED\x1b[0m",
    "osc52": "clip\x1b]52;c;cHduZWQ=\x07",
    "osc8": "\x1b]8;;https://example.invalid\x1b\\link\x1b]8;;\x1b\\",
    "title": "t\x1b]2;pwned\x07",
    "dcs": "d\x1bP+q544e\x1b\\",
    "c1": "c1\x9b2J\x9d0;t\x9c",
    "bel_nul": "bell\x07nul\x00del\x7f",
    "bidi": "abc\u202efdp.exe \u2066iso\u2069",
    "markup": "[@click=app.quit]quit[/] [b]bold[/b]",
    "wide": "頭皮マッサージ 💆‍♀️ 👍🏽 café",
    "long": "L" * 10_000,
}

ALL = " ".join(CORPUS.values())

# What must never be in the bytes written to a terminal: ESC and the 7-bit C0 controls
# that act (BEL, NUL, BS, CR...), DEL, C1 (raw or UTF-8 encoded) and the bidi controls.
_FORBIDDEN = re.compile(
    rb"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"
)


def terminal_controls(data: bytes, *, allow_escapes: bool = False) -> list[bytes]:
    """The terminal-driving bytes in `data` (newline and tab are fine).

    With `allow_escapes`, ESC is allowed (the app's own drawing uses it) but none of the
    corpus's own sequences may appear: see `corpus_sequences`.
    """
    found = [m.group() for m in _FORBIDDEN.finditer(data)]
    return [b for b in found if not (allow_escapes and b == b"\x1b")]


def corpus_sequences(data: bytes) -> list[bytes]:
    """The corpus's own control sequences that reached `data` (for output that draws with ESC).

    Each needle is a piece of the corpus that holds a control character and that no
    program draws by itself: finding one means the stored text reached the terminal raw.
    """
    needles = [
        b"\x1b[41mRED",
        b"\x1b]52;c;",
        b"\x1b]8;;https://example.invalid",
        b"\x1b]2;pwned",
        b"\x1bP+q544e",
        b"bell\x07",
        b"nul\x00",
        b"del\x7f",
        "abc\u202e".encode(),
        "\u2066iso".encode(),
        "c1\x9b2J".encode(),
        "\x9d0;t".encode(),
    ]
    return [n for n in needles if n in data]
