"""Settings: focus zones, pace, targets, look and keys, each saved the moment it is changed."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from tui.core.models import Settings
from tui.core.safe_text import safe_text
from tui.core.settings_rules import (
    WEEK_START_NAMES,
    Choices,
    SettingsError,
    check_settings,
    session_seconds,
)
from tui.store import StoreError
from tui.ui.widgets.keys_panel import KeysPanel

if TYPE_CHECKING:
    from textual import getters

    from tui.store.log import Log
    from tui.ui.app import ScalpApp


def plain(text: str) -> str:
    """Text from a file or the user, as markup that shows it literally and inert."""
    return escape(safe_text(text))


# Below this width the two columns stack, so every field keeps a usable width.
NARROW_WIDTH = 100

# The zones with the poorest blood supply, marked in the list (the routine's ids).
LOW_SUPPLY_ZONES = ("temple_left", "temple_right", "top")

FOCUS_NOTE = (
    "Mark the zones where your hair is thinning, receding or balding. The temples and the "
    "top of the head have the weakest blood supply of the whole scalp, so they are where "
    "most people start. Focus zones get a longer dwell and their own line in the monthly review."
)

#: What an Input accepts (Textual's Input types).
FieldKind = Literal["integer", "number", "text"]

# key, label, Input type, how wide the input is
TEXT_FIELDS: dict[str, tuple[str, FieldKind, int]] = {
    "dwell_seconds": ("Seconds per zone", "number", 7),
    "focus_multiplier": ("Focus multiplier", "number", 7),
    "passes": ("Passes", "integer", 7),
    "days_per_week": ("Days per week", "integer", 7),
    "target_min_minutes": ("Shortest session", "number", 7),
    "target_max_minutes": ("Longest session", "number", 7),
    "day_start": ("Day starts at", "text", 7),
}


def format_setting(key: str, value: Any) -> str:
    """A setting as the form shows it."""
    if key == "day_start":
        start: time = value
        return start.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def setting_key(field: Widget) -> str:
    """The setting a field edits, from its id ("set-passes" -> "passes")."""
    assert field.id is not None, "every settings field is made with an id"
    return field.id.removeprefix("set-")


def format_duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


class SettingsScreen(ModalScreen[None]):
    """Every setting on one screen; a valid change is stored at once and the other screens follow it."""

    if TYPE_CHECKING:
        app = getters.app(ScalpApp)  # typed only: at run time Textual's own property serves

    # For speed: this screen's rules, parsed after Today's first frame (lazy_screens.preload_steps).
    CSS_PATH = "settings.tcss"

    BINDINGS = [
        Binding(
            "escape", "close", "Close", id="settings.close", tooltip="Close the settings (changes are already saved)"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._close_warned = False

    @property
    def store(self) -> Log:
        return self.app.store

    def choices(self) -> Choices:
        routine = self.store.routine
        return Choices(
            zone_ids=routine.zone_ids,
            techniques=tuple(t.id for t in routine.techniques),
            themes=tuple(self.app.available_themes),
        )

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        settings = self.store.settings()
        with Vertical(id="settings-dialog"):
            with VerticalScroll(id="settings-scroll"):
                with Horizontal(id="settings-columns"):
                    # Tab follows the DOM: focus zones, then pace, targets and look.
                    with Vertical(classes="settings-column"):
                        yield from self.compose_focus(settings)
                    with Vertical(classes="settings-column"):
                        yield from self.compose_pace(settings)
                        yield from self.compose_targets(settings)
                        yield from self.compose_look(settings)
                with Vertical(id="settings-keys", classes="box settings-box"):
                    yield KeysPanel(self.app.keymap_report, self.app.binding_catalog(), self.app.keymap())
            yield Static("Changes are saved as you make them.", id="settings-status")
        yield Footer()

    def compose_focus(self, settings: Settings) -> ComposeResult:
        with Vertical(id="settings-focus", classes="box settings-box"):
            yield Static(FOCUS_NOTE, classes="settings-note")
            selections = []
            for zone in self.store.routine.zones:
                prompt = plain(zone.name)
                if zone.id in LOW_SUPPLY_ZONES:
                    prompt += " [dim](least blood supply)[/dim]"
                selections.append(Selection(prompt, zone.id, zone.id in settings.focus_zones))
            yield SelectionList[str](*selections, id="set-focus_zones")

    def compose_look(self, settings: Settings) -> ComposeResult:
        # The app's own themes first, then Textual's, so the one made for the heatmap is easy to find.
        own = [theme.name for theme in self.app.APP_THEMES]
        options = [(name, name) for name in own + sorted(set(self.app.available_themes) - set(own))]
        with Vertical(id="settings-look", classes="box settings-box"):
            with Horizontal(classes="field"):
                yield Label("Theme", classes="field-label")
                yield Select(options, value=self.app.theme, allow_blank=False, compact=True, id="set-theme")
            yield Static(
                f"{own[0]} is scalp's own, in the greens of a heatmap. Every screen follows the theme "
                "at once; the palette's theme picker changes it too.",
                classes="settings-note",
            )

    def compose_pace(self, settings: Settings) -> ComposeResult:
        with Vertical(id="settings-pace", classes="box settings-box"):
            yield from self.text_field("dwell_seconds", settings)
            yield from self.text_field("focus_multiplier", settings)
            yield from self.text_field("passes", settings)
            with Horizontal(classes="field"):
                yield Label("Pacer sound", classes="field-label")
                yield Checkbox("on", settings.pacer_sound, compact=True, id="set-pacer_sound")
            techniques = [(t.name, t.id) for t in self.store.routine.techniques]
            with Horizontal(classes="field"):
                yield Label("Technique", classes="field-label")
                yield Select(techniques, value=settings.technique, allow_blank=False, compact=True, id="set-technique")
            yield Static("", id="settings-estimate", classes="settings-note")

    def compose_targets(self, settings: Settings) -> ComposeResult:
        with Vertical(id="settings-targets", classes="box settings-box"):
            yield from self.text_field("days_per_week", settings)
            yield from self.text_field("target_min_minutes", settings)
            yield from self.text_field("target_max_minutes", settings)
            yield from self.text_field("day_start", settings)
            weeks = [(name, number) for number, name in WEEK_START_NAMES.items()]
            with Horizontal(classes="field"):
                yield Label("Week starts on", classes="field-label")
                yield Select(weeks, value=settings.week_start, allow_blank=False, compact=True, id="set-week_start")
            yield Static(
                "A change counts from today on: past days keep the targets and day start they had.",
                classes="settings-note",
            )

    def text_field(self, key: str, settings: Settings) -> ComposeResult:
        label, kind, width = TEXT_FIELDS[key]
        with Horizontal(classes="field"):
            yield Label(label, classes="field-label")
            field = Input(
                format_setting(key, getattr(settings, key)),
                type=kind,
                restrict=r"[0-9:]*" if key == "day_start" else None,
                max_length=5 if key == "day_start" else 8,
                compact=True,
                select_on_focus=True,
                id=f"set-{key}",
                classes="field-input",
            )
            field.styles.width = width
            yield field
            yield Static("", id=f"hint-{key}", classes="field-hint")

    def on_mount(self) -> None:
        # Narrow from the first layout: the zone list measures its lines once, at the width it first gets.
        self.set_class(self.app.size.width < NARROW_WIDTH, "-narrow")
        titles = {
            "#settings-focus": "Focus zones",
            "#settings-look": "Look",
            "#settings-pace": "Pace",
            "#settings-targets": "Targets",
            "#settings-keys": "Keys",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        dialog = self.query_one("#settings-dialog")
        dialog.border_title = "Settings"
        dialog.border_subtitle = "tab moves · enter or leaving a field saves · esc closes"
        self.refresh_hints()
        self.query_one("#set-focus_zones").focus()
        # The palette's theme picker works over this screen too: keep the list in step.
        self.watch(self.app, "theme", self.theme_picked, init=False)

    def theme_picked(self, theme: str) -> None:
        select = self.query_one("#set-theme", Select)
        if select.value != theme:
            with select.prevent(Select.Changed):
                select.value = theme

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    # --- hints ---------------------------------------------------------------------------

    def refresh_hints(self) -> None:
        """The line next to each field and the session estimate, from the stored settings."""
        settings = self.store.settings()
        for key, hint in self.hints(settings).items():
            self.set_hint(key, hint)
        self.query_one("#settings-estimate", Static).update(self.estimate(settings))

    def hints(self, settings: Settings) -> dict[str, str]:
        """The markup next to each text field."""
        minimum = self.store.routine.defaults.passes
        hints = {
            "dwell_seconds": f"s, focus {settings.dwell_seconds * settings.focus_multiplier:g} s",
            "focus_multiplier": "× dwell on focus zones",
            "days_per_week": "1 to 7",
            "target_min_minutes": "min",
            "target_max_minutes": "min",
            "day_start": "earlier: the day before",
        }
        if settings.passes < minimum:
            hints["passes"] = f"[$warning]under {minimum}: partial[/]"
        elif settings.passes == minimum:
            hints["passes"] = "a full session"
        else:
            hints["passes"] = f"{minimum} full, {settings.passes - minimum} bonus"
        return hints

    def estimate(self, settings: Settings) -> str:
        zones = len(self.store.routine.zones)
        focus = len(settings.focus_zones)
        seconds = session_seconds(settings, zones, focus)
        text = f"A session at this pace: [b]{format_duration(seconds)}[/b]\n"
        text += f"{settings.passes} × {zones} zones"
        text += f", {focus} of them focus zones" if focus else ""
        low, high = settings.target_min_minutes, settings.target_max_minutes
        if not low * 60 <= seconds <= high * 60:
            text += f"\n[$warning]outside your {low:g}–{high:g} minute target[/]"
        return text

    def set_hint(self, key: str, markup: str, error: bool = False) -> None:
        hint = self.query_one(f"#hint-{key}", Static)
        if hint.content != markup:  # an update costs a layout pass; most keystrokes change nothing
            hint.update(markup)
        hint.set_class(error, "-error")

    def show_problem(self, key: str, problem: str) -> None:
        if key in TEXT_FIELDS:
            self.set_hint(key, plain(problem), error=True)
            self.query_one(f"#set-{key}", Input).add_class("-refused")
        self.status(f"[$error]Not saved:[/] {plain(problem)}")

    def status(self, markup: str) -> None:
        self.query_one("#settings-status", Static).update(markup)

    # --- saving --------------------------------------------------------------------------

    def save(self, values: dict[str, Any]) -> bool:
        """Check and store some settings; show the outcome. True when they were stored."""
        try:
            clean = check_settings(values, self.store.settings(), self.choices())
        except SettingsError as err:
            for key, problem in err.problems.items():
                self.show_problem(key, problem)
            return False
        before = self.store.settings()
        try:
            after = self.store.save_settings(**clean)
        except StoreError as err:
            self.app.report_store_error(err)
            return False
        for key in clean:
            if key in TEXT_FIELDS:
                field = self.query_one(f"#set-{key}", Input)
                field.remove_class("-refused")
                # Show the stored form: "4:30" becomes "04:30", "20.0" becomes "20".
                if field.value != format_setting(key, getattr(after, key)):
                    with field.prevent(Input.Changed):
                        field.value = format_setting(key, getattr(after, key))
        changed = [key for key in clean if getattr(before, key) != getattr(after, key)]
        if changed:
            self.status("[$success]Saved:[/] " + ", ".join(self.describe(key, after) for key in changed))
        self._close_warned = False
        self.refresh_hints()
        return True

    def describe(self, key: str, settings: Settings) -> str:
        value = getattr(settings, key)
        if key == "focus_zones":
            names = [z.short for z in self.store.routine.zones if z.id in value]
            return f"focus zones {', '.join(names) if names else 'none'}"
        if key == "week_start":
            return f"week starts on {WEEK_START_NAMES[value]}"
        if key == "pacer_sound":
            return f"pacer sound {'on' if value else 'off'}"
        if key == "technique":
            return f"technique {self.store.routine.technique(value).name}"
        label = TEXT_FIELDS[key][0].lower() if key in TEXT_FIELDS else key
        return f"{label} {format_setting(key, value)}"

    def save_field(self, field: Input) -> bool:
        key = setting_key(field)
        if field.value == format_setting(key, getattr(self.store.settings(), key)):
            field.remove_class("-refused")
            self.refresh_hints()
            return True
        return self.save({key: field.value})

    @on(Input.Submitted, ".field-input")
    def input_submitted(self, event: Input.Submitted) -> None:
        if self.save_field(event.input):
            self.focus_next()

    @on(Input.Blurred, ".field-input")
    def input_blurred(self, event: Input.Blurred) -> None:
        if self.is_attached:
            self.save_field(event.input)

    @on(Input.Changed, ".field-input")
    def input_changed(self, event: Input.Changed) -> None:
        """Check while typing, so a bad value is flagged before it is saved."""
        key = setting_key(event.input)
        try:
            check_settings({key: event.value}, self.store.settings(), self.choices())
        except SettingsError as err:
            self.set_hint(key, plain(err.problems[key]), error=True)
            return
        self.set_hint(key, self.hints(self.store.settings())[key])

    @on(SelectionList.SelectedChanged, "#set-focus_zones")
    def focus_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.save({"focus_zones": set(event.selection_list.selected)})

    @on(Checkbox.Changed, "#set-pacer_sound")
    def sound_changed(self, event: Checkbox.Changed) -> None:
        self.save({"pacer_sound": event.value})

    @on(Select.Changed, "#set-technique, #set-week_start")
    def select_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.save({setting_key(event.select): event.value})

    @on(Select.Changed, "#set-theme")
    def theme_changed(self, event: Select.Changed) -> None:
        theme = event.value
        if not isinstance(theme, str) or theme == self.app.theme:  # not a str: Select.NULL, nothing picked
            return
        try:
            check_settings({"theme": theme}, self.store.settings(), self.choices())
        except SettingsError as err:
            self.show_problem("theme", err.problems["theme"])
            return
        self.app.theme = theme  # the app's theme watcher stores it
        self.status(f"[$success]Saved:[/] theme {plain(theme)}")

    # --- closing -------------------------------------------------------------------------

    def action_close(self) -> None:
        """Save what is typed and close; a value that cannot be saved is pointed out once first."""
        for key in TEXT_FIELDS:
            field = self.query_one(f"#set-{key}", Input)
            if self.save_field(field):
                continue
            if not self._close_warned:
                self._close_warned = True
                field.focus()
                self.app.notify(
                    "Fix the value, or press esc again to close without it.",
                    title=f"{TEXT_FIELDS[key][0]} was not saved",
                    severity="warning",
                )
                return
        self.dismiss(None)
