"""The keymap file (keys.toml): binding ids mapped to keys, parsed and checked without Textual.

The file maps a binding id to a key, or to several (a list, or a comma-separated string)::

    app.today = "f1"          # dotted keys, or the same under an [app] table
    "zones.check" = ["space", "enter"]

Any problem (bad TOML, an unknown id, a key that cannot exist) makes the whole file
ignored, so a half-applied keymap never surprises the user; the problems are reported
in one clear message. Keys shared by two bindings are applied but warned about.
"""

from __future__ import annotations

import difflib
import tomllib
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

KEYMAP_FILE = "keys.toml"

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
NAMED_KEYS = frozenset(
    {
        "escape", "enter", "tab", "backspace", "delete", "insert", "home", "end",
        "pageup", "pagedown", "up", "down", "left", "right", "space",
        *(f"f{n}" for n in range(1, 25)),
    }
)  # fmt: skip
# Textual names a few punctuation keys by a friendlier word than their Unicode name.
FRIENDLY_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
# The short forms the footer shows, accepted in the file too.
ALIASES = {"esc": "escape", "return": "enter", "pgup": "pageup", "pgdn": "pagedown", "del": "delete", "ins": "insert"}
UNICODE_NAMES = {"less_than_sign": "LESS-THAN SIGN", "greater_than_sign": "GREATER-THAN SIGN"}


class BadKey(ValueError):
    """A key that Textual could never match; the message says why."""


def _character_name(character: str) -> str:
    """The name Textual gives a single character key (``?`` is ``question_mark``)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return FRIENDLY_NAMES.get(name, name)


def _is_named_key(name: str) -> bool:
    if name in NAMED_KEYS or name in FRIENDLY_NAMES.values():
        return True
    unicode_name = UNICODE_NAMES.get(name, name.replace("_", " ").upper())
    try:
        return unicodedata.lookup(unicode_name).isprintable()
    except KeyError:
        return False


def normalize_key(token: str) -> str:
    """One key in Textual's long form (``?`` -> ``question_mark``, ``Ctrl+S`` -> ``ctrl+s``).

    Raises BadKey for an empty key, an unknown modifier or an unknown key name.
    """
    token = token.strip()
    if not token:
        raise BadKey("an empty key")
    if len(token) == 1:
        if token.isspace():
            raise BadKey("a blank key (write \"space\")")
        return _character_name(token)
    *modifiers, last = token.split("+")
    if not last:
        raise BadKey(f"{token!r} ends with '+' (write \"plus\" for the + key)")
    for modifier in modifiers:
        if modifier.lower() not in MODIFIERS:
            raise BadKey(f"{token!r}: unknown modifier {modifier!r} (use {', '.join(MODIFIERS)})")
    if len(last) == 1:
        # With a modifier the terminal reports the letter in lower case (ctrl+s, not ctrl+S).
        name = _character_name(last.lower() if modifiers else last)
    else:
        name = ALIASES.get(last.lower(), last.lower())
        if not _is_named_key(name):
            raise BadKey(f"{token!r}: no key is called {last!r}")
    return "+".join([*(m.lower() for m in modifiers), name])


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    """``{"app": {"today": "f1"}}`` -> ``{"app.today": "f1"}`` (TOML dotted keys make nested tables)."""
    flat: dict[str, object] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _keys_of(value: object) -> list[str] | None:
    if isinstance(value, str):
        return value.split(",")
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def parse_keymap(text: str, known_ids: Collection[str]) -> tuple[dict[str, str], list[str]]:
    """Parse the file's text: the keymap (id -> comma-separated keys) and the problems found.

    When there is any problem the caller should use the default keys instead.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"not valid TOML: {exc}"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in _flatten(data).items():
        if binding_id not in known_ids:
            close = difflib.get_close_matches(binding_id, list(known_ids), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"unknown binding id {binding_id!r}{hint}")
            continue
        tokens = _keys_of(value)
        if tokens is None:
            problems.append(f"{binding_id}: expected a key such as \"f1\" or a list of keys, not {value!r}")
            continue
        try:
            keys = [normalize_key(token) for token in tokens]
        except BadKey as exc:
            problems.append(f"{binding_id}: {exc}")
            continue
        keymap[binding_id] = ",".join(dict.fromkeys(keys))
    return keymap, problems


def _normalized_list(keys: str) -> list[str]:
    found = []
    for token in keys.split(","):
        try:
            found.append(normalize_key(token))
        except BadKey:
            found.append(token.strip())
    return found


def _meet(scope: str, other: str, shared_scopes: Collection[str]) -> bool:
    """Whether bindings of two scopes can be active at the same time."""
    if scope == other:
        return True
    if "app" in (scope, other):
        return (other if scope == "app" else scope) in shared_scopes
    return False


def find_clashes(
    defaults: Mapping[str, str],
    keymap: Mapping[str, str],
    shared_scopes: Collection[str] = (),
    reserved: Mapping[str, str] | None = None,
) -> list[str]:
    """Keys that the keymap gives to two bindings that can be active together.

    Bindings share a scope when their ids start alike (``zones.``); the app's own
    (``app.``) also meet those of each scope in ``shared_scopes`` (the mode screens).
    ``reserved`` maps keys Textual keeps for itself to what they do. Only clashes the
    keymap introduced are reported: the defaults' deliberate overlaps stay quiet.
    """
    effective = {binding_id: _normalized_list(keys) for binding_id, keys in defaults.items()}
    effective.update({binding_id: keys.split(",") for binding_id, keys in keymap.items()})
    scope = {binding_id: binding_id.split(".", 1)[0] for binding_id in effective}
    warnings: list[str] = []
    for binding_id in sorted(keymap):
        for key in effective[binding_id]:
            if reserved and key in reserved:
                warnings.append(f"{key} also does {reserved[key]}, so {binding_id} may not get it")
            for other, other_keys in sorted(effective.items()):
                if other == binding_id or key not in other_keys:
                    continue
                if other in keymap and other < binding_id:
                    continue  # reported once, from the first of the two
                if _meet(scope[binding_id], scope[other], shared_scopes):
                    warnings.append(f"{key} is bound to both {binding_id} and {other}")
    return warnings


@dataclass(frozen=True)
class KeymapReport:
    """What loading the keymap file gave: the keymap to apply and what to tell the user."""

    path: Path
    found: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ignored(self) -> bool:
        """True when the file exists but was refused, so the default keys are in use."""
        return bool(self.problems)

    def summary(self) -> str:
        """One line for the settings screen."""
        if not self.found:
            return "no keys file: the default keys are in use"
        if self.problems:
            count = len(self.problems)
            return f"ignored ({count} problem{'s' * (count > 1)}): the default keys are in use"
        count = len(self.keymap)
        if not count:
            return "empty: the default keys are in use"
        return f"{count} binding{'s' * (count > 1)} remapped"

    def message(self) -> str | None:
        """The notification text, or None when there is nothing to say."""
        if self.problems:
            shown = "\n".join(f"• {problem}" for problem in self.problems[:4])
            more = f"\n• and {len(self.problems) - 4} more" if len(self.problems) > 4 else ""
            return f"{self.path}\n{shown}{more}\nThe default keys are in use."
        if self.warnings:
            shown = "\n".join(f"• {warning}" for warning in self.warnings[:4])
            return f"{self.path} is in use, but:\n{shown}"
        return None

    def stderr_line(self) -> str | None:
        """A one-line warning for the terminal, or None."""
        if self.problems:
            return f"scalp: {self.path}: {'; '.join(self.problems)}; using the default keys"
        return None


def load_keymap(
    path: Path,
    known_ids: Collection[str],
    defaults: Mapping[str, str] | None = None,
    shared_scopes: Collection[str] = (),
    reserved: Mapping[str, str] | None = None,
) -> KeymapReport:
    """Read and check the keymap file at ``path``; never raises for a bad or unreadable file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return KeymapReport(path)
    except OSError as exc:
        return KeymapReport(path, found=True, problems=(f"cannot be read ({exc.strerror or exc})",))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return KeymapReport(path, found=True, problems=("is not UTF-8 text",))
    keymap, problems = parse_keymap(text, known_ids)
    if problems:
        return KeymapReport(path, found=True, problems=tuple(problems))
    warnings = find_clashes(defaults or {}, keymap, shared_scopes, reserved)
    return KeymapReport(path, found=True, keymap=keymap, warnings=tuple(warnings))
