"""The guided routine on the Today screen: the current step in large, and the list of every step."""

from __future__ import annotations

import textwrap

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.core.guide import CURRENT, DONE, PASSES_STEP, SKIPPED, Guide, GuideStep, PassProgress
from tui.core.models import Session
from tui.core.pacer import dwell_for
from tui.core.summary import format_duration
from tui.ui.state.today_view import TodayView

OIL_STEP = "oil"

STATE_GLYPHS = {DONE: "✓", SKIPPED: "–", CURRENT: "›", "todo": "·"}


def pass_meter(done: int, target: int) -> str:
    """▰▰▱ for two of three passes; bonus passes add filled marks."""
    return "▰" * done + "▱" * max(0, target - done)


class NowCard(Widget):
    """The one thing to do now, with its how-to, and the key that moves on."""

    COMPONENT_CLASSES = {"now-card--title", "now-card--hint", "now-card--caution", "now-card--progress"}

    DEFAULT_CSS = """
    NowCard {
        height: 1fr;
    }
    NowCard > .now-card--title { color: $accent; text-style: bold; }
    NowCard > .now-card--hint { color: $text-muted; }
    NowCard > .now-card--caution { color: $warning; }
    NowCard > .now-card--progress { color: $success; text-style: bold; }
    """

    view: reactive[TodayView | None] = reactive(None)
    """What the Today screen shows."""

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"now-card--{name}")

    def render(self) -> RenderableType:
        view = self.view
        if view is None:
            return Text()
        session = view.session
        if session is None:
            return self._idle(view)
        if view.done:
            return self._done(view, session)
        step = view.guide.step
        if step is None:
            return Group(
                Text("Every step is behind you", style=self._style("title")),
                Text("Press f to finish the session and see how it went."),
            )
        return self._step(view, session, step)

    def _idle(self, view: TodayView) -> RenderableType:
        first = view.guide.steps[0]
        return Group(
            Text("Ready for today's session", style=self._style("title")),
            Text(
                f"Press s to start the clock; the screen then walks you through {len(view.guide.steps)} steps. "
                "s pauses whenever you stop."
            ),
            Text(f"First: {first.name.lower()}. {first.how}", style=self._style("hint")),
        )

    def _done(self, view: TodayView, session: Session) -> RenderableType:
        progress = view.guide.progress
        passes = f"{progress.full_passes} of {progress.target} passes"
        ended = session.ended_at
        assert ended is not None, "a done view's session is finished"
        time = format_duration(session.elapsed(ended))
        return Group(
            Text("Today's session is logged", style=self._style("title")),
            Text(f"{passes} in {time}. The History screen (h) keeps the record."),
            Text(
                "r rates how you feel now · n adds a note · s starts another session",
                style=self._style("hint"),
            ),
        )

    def _step(self, view: TodayView, session: Session, step: GuideStep) -> RenderableType:
        guide = view.guide
        title = Text(step.name, style=self._style("title"))
        if step.optional:
            title.append("  (optional)", style=self._style("hint"))
        sections: list[list[Text]] = [[title, Text(step.how)]]
        extras: list[list[Text]] = []
        if step.id == PASSES_STEP:
            sections.extend(self._passes(view, guide))
            extras.append(self._zone_strip(view, guide.progress))
            extras.append(self._next_zone(view, guide.progress))
            hint = None  # names the step that space goes on to, known below
        elif step.id == OIL_STEP:
            used = "recorded" if session.oil else "not recorded"
            sections.append([Text(f"o records that you used one (now {used}).", style=self._style("hint"))])
            hint = "space: next step · b: back"
        else:
            hint = "space: done, next step · b: back"
        following = guide.steps[guide.current + 1] if guide.current + 1 < len(guide.steps) else None
        up_next = following.name if following else "finish (f) and see the summary"
        extras.append([Text(f"Up next: {up_next}", style=self._style("hint"))])
        if hint is None:
            # "Up next" names the step space goes on to; the finish only when nothing follows.
            hint = f"z: the checklist · space: {'next step' if following else 'on to the finish'}"
        return self._fit(sections, extras, Text(hint, style=self._style("hint")))

    def _passes(self, view: TodayView, guide: Guide) -> list[list[Text]]:
        progress = guide.progress
        names = {z.id: z.name for z in view.routine.zones}
        line = Text(f"Pass {progress.current_pass} of {progress.target}", style=self._style("progress"))
        line.append(f" · {progress.zones_in_current}/{progress.zone_count} zones", style="")
        if progress.next_zone:
            line.append(f" · next: {names[progress.next_zone]}")
        technique = view.routine.technique(view.technique)
        how = Text(f"{technique.name}: ", style="bold")
        how.append(technique.how)
        technique_lines = [how]
        if technique.caution:
            technique_lines.append(Text(technique.caution, style=self._style("caution")))
        return [[line], technique_lines]

    def _zone_strip(self, view: TodayView, progress: PassProgress) -> list[Text]:
        """The zones of the current pass, ticked or not, the next one lit, flowed into lines."""
        width = max(10, self.content_size.width)
        pass_no = progress.current_pass
        lines = [Text()]
        for zone in view.routine.zones:
            done = (pass_no, zone.id) in progress.done
            if done:
                style = self._style("progress")
            else:
                style = self._style("title") if zone.id == progress.next_zone else self._style("hint")
            item = f"{'✓' if done else '·'} {zone.short}"
            # Flow whole items: a zone's name never breaks across lines.
            if lines[-1].cell_len and lines[-1].cell_len + 2 + len(item) > width:
                lines.append(Text())
            if lines[-1].cell_len:
                lines[-1].append("  ")
            lines[-1].append(item, style=style)
        return lines

    def _next_zone(self, view: TodayView, progress: PassProgress) -> list[Text]:
        """Where the next zone is and how long to stay there (longer on a focus zone)."""
        if progress.next_zone is None:
            return []
        zone = view.routine.zone(progress.next_zone)
        focus = zone.id in view.settings.focus_zones
        dwell = dwell_for(zone.id, view.settings)  # the pacer's rule, so both screens say the same
        line = Text(f"{zone.name}: ", style="bold")
        line.append(zone.description)
        stay = Text(f"About {dwell:g} s here", style=self._style("hint"))
        if focus:
            stay.append(" (one of your focus zones)", style=self._style("title"))
        stay.append(".", style=self._style("hint"))
        return [line, stay]

    def _fit(self, sections: list[list[Text]], extras: list[list[Text]], hint: Text) -> Group:
        """The sections, then each extra that still fits, then the hint; blank lines between when there is room."""
        width = max(10, self.content_size.width)
        height = self.content_size.height or 1000

        def lines(blocks: list[list[Text]], gaps: bool) -> int:
            count = sum(len(t.wrap(self.app.console, width)) for block in blocks for t in block)
            return count + (len(blocks) - 1 if gaps else 0)

        chosen = list(sections)
        for extra in extras:
            if extra and lines([*chosen, extra, [hint]], False) <= height:
                chosen.append(extra)
        chosen.append([hint])
        gaps = lines(chosen, True) <= height
        out: list[Text] = []
        for index, block in enumerate(chosen):
            if index and gaps:
                out.append(Text(""))
            out.extend(block)
        return Group(*out)


class StepList(Widget):
    """Every step of the routine with its state; the how-to under each when there is room."""

    COMPONENT_CLASSES = {"step-list--done", "step-list--skipped", "step-list--current", "step-list--todo"}

    DEFAULT_CSS = """
    StepList {
        height: 1fr;
    }
    StepList > .step-list--done { color: $success; }
    StepList > .step-list--skipped { color: $text-muted; }
    StepList > .step-list--current { color: $accent; text-style: bold; }
    StepList > .step-list--todo { color: $text; }
    """

    view: reactive[TodayView | None] = reactive(None)
    """What the Today screen shows."""

    def render(self) -> RenderableType:
        view = self.view
        if view is None:
            return Text()
        guide = view.guide
        session = view.session
        idle = session is None
        width = max(10, self.content_size.width)
        detailed = self._fits_details(guide, width)
        text = Text()
        for index, step in enumerate(guide.steps):
            state = "todo" if idle else guide.state(index)
            if view.done and state in (CURRENT, "todo"):
                # A finished session has no current step: what it never reached was skipped.
                state = DONE if step.id == PASSES_STEP and guide.progress.complete else SKIPPED
            if step.id == OIL_STEP and state in (DONE, SKIPPED) and session is not None:  # never idle here
                # Passing the oil step says nothing about oil: the session's flag does.
                state = DONE if session.oil else SKIPPED
            style = self.get_component_rich_style(f"step-list--{state}")
            if index:
                text.append("\n")
            text.append(f"{STATE_GLYPHS[state]} ", style=style)
            text.append(step.name, style=style)
            if step.id == PASSES_STEP and not idle:
                progress = guide.progress
                text.append(f"  {pass_meter(progress.full_passes, progress.target)}", style=style)
                if progress.bonus_passes:
                    text.append(f" +{progress.bonus_passes} bonus", style=style)
            elif step.id == OIL_STEP and state in (DONE, SKIPPED):
                text.append("  used" if state == DONE else "  not used", style=style)
            elif state == SKIPPED:
                text.append("  skipped", style=style)
            elif step.optional:
                text.append("  optional", style=self.get_component_rich_style("step-list--skipped"))
            if detailed:
                text.append("\n")
                text.append_text(_indented(step.how, width, self.get_component_rich_style("step-list--skipped")))
        return text

    def _fits_details(self, guide: Guide, width: int) -> bool:
        lines = sum(1 + len(_wrap(step.how, width - 2)) for step in guide.steps)
        return lines <= self.content_size.height


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(10, width)) or [""]


def _indented(text: str, width: int, style: Style) -> Text:
    return Text("\n".join("  " + line for line in _wrap(text, width - 2)), style=style)
