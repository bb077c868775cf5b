"""Line-drawn widgets: their lines kept between frames, and theme colours resolved to solid Rich styles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    _WidgetBase = Widget  # for the type checker the mixin is a Widget; at run time it comes before one
else:
    _WidgetBase = object


class CachedLines(_WidgetBase):
    """A widget mixin: drawn line by line (Textual's line API) from lines kept until they change.

    Subclasses give ``_segment_lines()`` (the lines, as Rich segments) and ``_lines_key()``
    (what they depend on: its first item, the data, is compared by identity, the rest by
    equality). A theme change drops the lines too. Performance: laying out Rich
    renderables again for every frame was most of what the History screen spent drawing.
    """

    _cached_lines: tuple[tuple[object, ...], list[Strip]] | None = None

    def _segment_lines(self) -> list[list[Segment]]:
        raise NotImplementedError

    def _lines_key(self) -> tuple[object, ...]:
        raise NotImplementedError

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cached_lines = None  # a theme changes the component styles

    def render_line(self, y: int) -> Strip:
        strips = self._lines()
        if y < len(strips):
            return strips[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _lines(self) -> list[Strip]:
        key = self._lines_key()
        cached = self._cached_lines
        if cached is not None and cached[0][0] is key[0] and cached[0][1:] == key[1:]:
            return cached[1]
        base = self.visual_style.rich_style
        width = self.size.width
        strips = [
            Strip(Segment.apply_style(line, base)).adjust_cell_length(width, base) for line in self._segment_lines()
        ]
        self._cached_lines = (key, strips)
        return strips


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
