"""The app's own theme: a dark green scale, like a contribution heatmap, that every screen can use."""

from __future__ import annotations

from textual.theme import Theme

# The heatmap draws its levels from $success (empty days from $panel), so a theme whose
# success colour is a clear green on a near-black background reads best; primary is a
# darker green of the same family and accent a cool blue for the current day or zone.
SCALP_MOSS = Theme(
    name="scalp-moss",
    primary="#2EA043",
    secondary="#1F6F3A",
    accent="#58A6FF",
    success="#3FD068",
    warning="#D29922",
    error="#F85149",
    foreground="#E6EDF3",
    background="#0D1117",
    surface="#161B22",
    panel="#21262D",
    dark=True,
    variables={
        "footer-key-foreground": "#3FD068",
        "block-cursor-background": "#2EA043",
        "input-selection-background": "#2EA04350",
    },
)

APP_THEMES: tuple[Theme, ...] = (SCALP_MOSS,)
