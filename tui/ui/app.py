"""The scalp Textual app: three modes (Today, Zones, History) over one Log."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.core.safe_text import safe_text
from tui.store import StoreError
from tui.store.errors import Busy
from tui.store.log import Log
from tui.store.rows import left_out_notice
from tui.ui import speedups
from tui.ui.bindings import binding_catalog
from tui.ui.commands import app_commands, offer_welcome
from tui.ui.lazy_screens import mode_factory, preload_steps, screen_class
from tui.ui.screens.today import TodayScreen
from tui.ui.speedups import NoHoldOnBuiltScreens, prebuild_steps
from tui.ui.speedups import wanted as speedups_wanted
from tui.ui.state.keymap import KEYMAP_FILE, KeymapReport, load_keymap
from tui.ui.state.session_keeper import SessionKeeper
from tui.ui.themes import APP_THEMES

if TYPE_CHECKING:
    from tui.store.sync_runner import BackgroundSync

#: How long a write of the app waits for another process's write lock (seconds).
APP_LOCK_WAIT_S = 0.4
#: A busy log is told again at most this often (seconds).
BUSY_NOTICE_AGAIN_S = 5.0
#: How often the app looks for rows left out of what it read (each kind is told once).
LEFT_OUT_CHECK_S = 1.0


class ScalpApp(NoHoldOnBuiltScreens, App[None]):
    """The full-screen app. Built from an injected Log, so tests hand it an in-memory one."""

    TITLE = "scalp"
    CSS_PATH = "app.tcss"
    # Zones and History are imported on the first switch, or while the app is idle: the first frame waits for neither.
    MODES = {"today": TodayScreen, "zones": mode_factory("zones"), "history": mode_factory("history")}
    DEFAULT_MODE = "today"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        # The mode keys stay out of the footer: the mode bar at the top shows them (remapped too),
        # and at 80 columns the footer needs its room for the screen's own keys, help and quit.
        Binding("t", "switch_mode('today')", "Today", id="app.today", tooltip="Open the Today screen", show=False),
        Binding("z", "switch_mode('zones')", "Zones", id="app.zones", tooltip="Open the Zones checklist", show=False),
        Binding(
            "h", "switch_mode('history')", "History", id="app.history", tooltip="Open the History screen", show=False
        ),
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Show every key"),
        # Not in the footer, which the mode screens' own keys fill; help and the palette list it.
        Binding(
            "comma",
            "settings",
            "Settings",
            id="app.settings",
            tooltip="Settings: focus zones, pace, targets, theme, keys",
            show=False,
        ),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit scalp (everything is already saved)"),
    ]

    # --- Zones: the pacer's clock, replaced by a fake one in tests ---
    monotonic: Callable[[], float] = staticmethod(time.monotonic)
    """Seconds that only go forward; the pacer counts dwells with it."""

    def __init__(
        self,
        store: Log,
        *,
        config_dir: Path | None = None,
        speedups: bool | None = None,
        welcome: bool = False,
        **kwargs: Any,
    ) -> None:
        self.speedups = speedups_wanted(speedups)
        """The speed-ups that need Textual's private names are on (tui/ui/speedups.py; SCALP_NO_SPEEDUPS=1 is off)."""
        super().__init__(**kwargs)
        self.store = store
        """The log every screen reads and writes."""
        # A key press waits only a moment behind another process's write (a long import):
        # then it is refused as busy, shown as not saved, and the screen stays alive.
        store.wait_for_lock(APP_LOCK_WAIT_S)
        self.keymap_in_force: dict[str, str] = {}
        """Binding id -> keys, for the ids the keys file changed (what was given to set_keymap)."""
        self.config_dir = config_dir
        """Where keys.toml is read from; None (the tests' default) reads no file."""
        self.keymap_report: KeymapReport | None = None
        """What loading keys.toml gave, for the notice at start and the settings screen."""
        self._after_first_frame: list[Callable[[], object]] = []
        self._idle_work: list[Callable[[], object]] = []
        self.last_key_at = float("-inf")
        """time.monotonic() when the last key came (idle work waits for a pause in the typing)."""
        self._setup_look_and_keys()
        if welcome:  # the launcher's choice; tests and snapshots leave it off
            self.after_first_frame(lambda: offer_welcome(self))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # scalp's own actions only: Textual's (keys panel, screenshot, quit at once) are left out.
        yield from app_commands(self)
        palette_commands = getattr(screen, "palette_commands", None)
        if palette_commands is not None:
            yield from palette_commands()

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        """Every binding, grouped: global first, then each mode's own."""
        sections = [("Everywhere", [b for b in self.BINDINGS if isinstance(b, Binding)])]
        sections[0][1].append(Binding("ctrl+p", "command_palette", "Palette", tooltip="Open the command palette"))
        for name in self.MODES:
            screen = TodayScreen if name == "today" else screen_class(name)
            # Only the app's own bindings carry an id; Textual's inherited ones (tab, copy) do not.
            own = [b for b in getattr(screen, "BINDINGS", []) if isinstance(b, Binding) and b.id]
            if own:
                sections.append((name.capitalize(), own))
        sections.append(("Settings", [b for b in screen_class("settings").BINDINGS if isinstance(b, Binding)]))
        # Show the keys the user's keymap gave, not the defaults.
        return [(title, [self._remapped(b) for b in bindings]) for title, bindings in sections]

    def action_help(self) -> None:
        help_screen = screen_class("help")
        if not isinstance(self.screen, help_screen):
            self.push_screen(help_screen(self.help_sections()))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast as plain, inert text: messages quote file names, keys and the user's own text."""
        super().notify(
            safe_text(message, multiline=True), title=safe_text(title), severity=severity, timeout=timeout, markup=False
        )

    def report_store_error(self, error: StoreError) -> None:
        """Show a write that failed (disk full, read-only, locked) as one clear line."""
        if isinstance(error, Busy):
            if not self._busy_told:  # once per busy spell: the heartbeat meets it every few seconds
                self._busy_told = True
                self.notify(f"{error}. Press the key again in a moment.", title="Waiting", severity="warning")
                self.set_timer(BUSY_NOTICE_AGAIN_S, self._forget_busy)
            return
        self.notify(str(error), title="Not saved", severity="error", timeout=10)

    _busy_told = False

    def _forget_busy(self) -> None:
        self._busy_told = False

    # --- settings, theme and keymap ---------------------------------------------------------
    # The app's own themes are registered and the stored theme applied before the first
    # frame; keys.toml is read once at start (the settings screen says so), its problems
    # shown as a notice once the app runs; a theme chosen anywhere is stored by watch_theme.

    APP_THEMES = APP_THEMES

    #: Keys Textual keeps for itself, so a keymap that takes them gets a warning.
    RESERVED_KEYS = {
        "ctrl+p": "the command palette",
        "ctrl+q": "quit",
        "ctrl+c": "copy",
        "tab": "focus the next field",
        "shift+tab": "focus the previous field",
    }

    def _setup_look_and_keys(self) -> None:
        for theme in APP_THEMES:
            self.register_theme(theme)
        stored = self.store.settings().theme
        # A stored theme that no longer exists (a theme of a later version) is reported, not fatal.
        self._missing_theme = stored if stored not in self.available_themes else None
        if self._missing_theme is None:
            self.theme = stored
        if self.config_dir is not None and (Path(self.config_dir) / KEYMAP_FILE).exists():
            catalog = binding_catalog()
            self.keymap_report = load_keymap(
                Path(self.config_dir) / KEYMAP_FILE,
                known_ids=catalog,
                defaults={binding_id: binding.key for binding_id, binding in catalog.items()},
                shared_scopes=self.MODES,
                reserved=self.RESERVED_KEYS,
            )
            # Set before the first screen is composed, so the footer and mode bar show it from the start.
            if self.keymap_report.keymap:
                self.keymap_in_force = dict(self.keymap_report.keymap)
                self.set_keymap(self.keymap_in_force)
            line = self.keymap_report.stderr_line()
            if line:
                print(safe_text(line), file=sys.stderr)
        elif self.config_dir is not None:
            self.keymap_report = KeymapReport(Path(self.config_dir) / KEYMAP_FILE)  # no file: the default keys

    def on_mount(self) -> None:
        report = self.keymap_report
        message = report.message() if report is not None else None
        if report is not None and message:
            title = "Keys file not used" if report.ignored else "Keys file: check these keys"
            self.notify(message, title=title, severity="error" if report.ignored else "warning", timeout=15)
        if self._missing_theme:
            self.notify(
                f"The theme {self._missing_theme!r} is not available; using {self.theme}. "
                f"Pick another in the settings ({self.key_display('app.settings', 'comma')}).",
                title="Theme not found",
                severity="warning",
            )

    def watch_theme(self, theme: str) -> None:
        """Store a theme picked anywhere (the settings screen or the palette's theme picker)."""
        if theme == self.store.settings().theme:
            return
        try:
            self.store.save_settings(theme=theme)
        except StoreError as err:
            self.report_store_error(err)
            return
        self._missing_theme = None

    def action_settings(self) -> None:
        settings_screen = screen_class("settings")
        if not isinstance(self.screen, settings_screen):
            self.push_screen(settings_screen())

    def binding_catalog(self) -> dict[str, Binding]:
        """Every binding with an id (app, screens, widgets), by id."""
        return binding_catalog()

    def keymap(self) -> dict[str, str]:
        """The keymap in force: binding id -> keys, for the ids the keys file changed."""
        return dict(self.keymap_in_force)

    def key_display(self, binding_id: str, default: str) -> str:
        """The key a binding has now, as the footer shows it (for labels such as the mode bar's)."""
        keys = self.keymap_in_force.get(binding_id, default)
        return self.get_key_display(Binding(keys.split(",")[0], ""))

    def _remapped(self, binding: Binding) -> Binding:
        keys = self.keymap_in_force.get(binding.id) if binding.id else None
        return binding.with_key(keys) if keys else binding
    # --- Today: the open session's heartbeat and crash repair --------------------------

    @on(events.Load)
    def _repair_open_session(self) -> None:
        # Before any screen is built, so the first thing shown is already repaired.
        self.session_keeper = SessionKeeper(
            self.store,
            notify=lambda message: self.notify(message, title="Session", timeout=12),
            report_error=self.report_store_error,
            changed=self._session_changed_elsewhere,
        )
        self.session_keeper.recover()

    @on(events.Mount)
    def _start_heartbeat(self) -> None:
        self.set_interval(self.session_keeper.interval, self.session_keeper.beat, name="session-heartbeat")
        self._left_out_told = False
        self.set_interval(LEFT_OUT_CHECK_S, self._tell_left_out, name="left-out-notice")

    @on(events.Unmount)
    def _pause_on_exit(self) -> None:
        self.session_keeper.pause_on_exit()
        if self.background_sync is not None:
            self._sync_closing = True
            self.background_sync.finish()  # after the pause above, so the other computers see it

    # --- sync between computers: at start, when idle a while, at quit; in a worker thread ---------

    #: Seconds without a key before the app syncs again.
    SYNC_WHEN_IDLE_S = 60.0
    background_sync: BackgroundSync | None = None
    _sync_closing = False

    @on(events.Ready)
    def _start_sync(self) -> None:
        from tui.store.sync_runner import BackgroundSync

        self.background_sync = BackgroundSync.for_log(self.store, done=self._synced)
        if self.background_sync is not None:
            self.background_sync.request()
            self.set_interval(self.SYNC_WHEN_IDLE_S, self._sync_if_idle, name="sync-when-idle")

    def _sync_if_idle(self) -> None:
        # Scheduled only once a runner exists (_start_sync), so the check never skips a sync.
        if self.background_sync is not None and time.monotonic() - self.last_key_at >= self.SYNC_WHEN_IDLE_S:
            self.background_sync.request()

    def _synced(self, applied: int, notes: list[str]) -> None:
        """In the sync thread: other computers' changes arrived, so the screen shows them."""
        if applied and self.is_running and not self._sync_closing:
            self.call_from_thread(self._session_changed_elsewhere)

    def _session_changed_elsewhere(self) -> None:
        """The keeper changed the open session: the visible screen shows it again."""
        if not self.is_running or not self.screen_stack:
            return
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh is not None:
            refresh()

    # --- what waits until the first frame is out ----------------------
    # Work that makes later keys fast (importing the other screens, building History ahead,
    # collecting start-up's garbage) runs in small steps while the user is not typing: a
    # step waits until no key has come for IDLE_AFTER_KEY_S, so it never lands between the
    # keys of someone already at work (a check-off then waits for nothing but its own work).

    #: Seconds without a key before the next step of idle work runs.
    IDLE_AFTER_KEY_S = 0.4
    #: Seconds between two steps of idle work.
    IDLE_STEP_GAP_S = 0.002

    def _tell_left_out(self) -> None:
        """Once: a notice when rows that break the stored fields' rules were left out of the screens."""
        notice = left_out_notice(self.store.left_out)
        if notice and not self._left_out_told:
            self._left_out_told = True
            self.notify(notice, title="Odd rows left out", severity="warning", timeout=15)
    idle_work_done = False
    """Every step of idle work has run (the other screens imported, and built ahead when the speed-ups are on)."""

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the first frame has been painted (e.g. the automatic backup)."""
        self._after_first_frame.append(callback)

    def when_idle(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` at the first moment with no typing after the first frame, before the
        other screens are loaded and built ahead. Call it before the app runs."""
        self._idle_work.append(callback)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.last_key_at = time.monotonic()
        await super().on_event(event)

    @on(events.Ready)
    def _first_frame_out(self) -> None:
        # Its styles count as current: showing it again skips the whole-screen restyle.
        speedups.note_first_screen_styled(self)
        for callback in self._after_first_frame:
            callback()
        self._after_first_frame.clear()
        # The other screens are imported one at a time while nothing else happens, so a
        # switch made later finds them ready and a key pressed meanwhile waits one import at most.
        # The app's own idle work (start-up's garbage collected) goes first, so that what is
        # built after it stays within reach of the collector. Then the other screens and dialogs
        # are imported (with their CSS files), and the Zones screen (the one used most right after
        # start) and the History screen built ahead, so that `z` and `h` only show them
        # (tui/ui/speedups.py; not when it is off). All imports come first: left for later, they
        # would compete with History's own read-ahead of the Trends.
        modes = ("zones", "history")
        steps: Iterator[Callable[[], object]] = chain(
            iter(self._idle_work),
            preload_steps(self.stylesheet),
            *(prebuild_steps(self, mode) for mode in modes),
        )

        def next_step() -> None:
            if not self.is_running:  # quitting: Textual is closing the screens it knows of
                return
            quiet_for = time.monotonic() - self.last_key_at
            if quiet_for < self.IDLE_AFTER_KEY_S:
                self.set_timer(self.IDLE_AFTER_KEY_S - quiet_for, next_step, name="idle-work")
                return
            step = next(steps, None)
            if step is None:
                self.idle_work_done = True
                return
            step()
            # Steps follow each other closely (a key that came meanwhile is handled first).
            self.set_timer(self.IDLE_STEP_GAP_S, next_step, name="idle-work")

        self.set_timer(0.05, next_step, name="idle-work")
