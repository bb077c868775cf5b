"""Theme colours for line-drawn widgets: component classes resolved to solid colours and Rich styles."""

from __future__ import annotations

from rich.style import Style
from textual.color import Color
from textual.widget import Widget


def widget_background(widget: Widget) -> Color:
    """The solid colour behind the widget's content (its background over its ancestors')."""
    return widget.background_colors[1]


def component_background(widget: Widget, name: str, over: Color | None = None) -> Color | None:
    """A component class's background, composited over ``over`` (default: the widget's); None if unset."""
    styles = widget.get_component_styles(name)
    if not styles.has_rule("background"):
        return None
    return (over or widget_background(widget)) + styles.background


def component_style(widget: Widget, name: str, over: Color | None = None) -> Style:
    """A component class as a Rich style whose alpha colours are composited over ``over``.

    Rich cannot blend, so a rule like ``color: $success 60%`` is resolved here into the solid
    colour it shows on the background below it (the component's own, else ``over``, else the widget's).
    """
    styles = widget.get_component_styles(name)
    below = over or widget_background(widget)
    background = below + styles.background if styles.has_rule("background") else None
    color = None
    if styles.has_rule("color"):
        color = styles.color
        if styles.has_rule("auto_color") and styles.auto_color:
            # "auto" (as in $text-muted) means: a contrasting colour for whatever lies below.
            color = (background or below).get_contrast_text(color.a)
        color = (background or below) + color
    style = Style(
        color=color.rich_color if color is not None else None,
        bgcolor=background.rich_color if background is not None else None,
    )
    if styles.has_rule("text_style"):
        style += styles.text_style
    return style
