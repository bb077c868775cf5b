"""How long a session takes at the user's pace: the default minutes of a back-filled session."""

from __future__ import annotations

from collections.abc import Iterable

from tui.core.models import Settings


def session_minutes(settings: Settings, zone_ids: Iterable[str], passes: int) -> float:
    """Minutes for ``passes`` passes at the set dwell, focus zones taking their longer dwell."""
    per_pass = sum(
        settings.dwell_seconds * (settings.focus_multiplier if zone in settings.focus_zones else 1.0)
        for zone in zone_ids
    )
    return round(passes * per_pass / 60, 1)
