"""A realistic, deterministic practice history for trying the app and for benchmarks.

Pure: the same routine, end day, length, seed and time zone give the same history,
ids included. Months run good or bad (a slow Markov walk between moods), a missed day
makes the next miss likelier, illness and travel bring runs of rest days, sessions are
sometimes short or stop mid-pass (the ears and the nape are the zones most often left
out), focus zones get a longer dwell, and some sessions carry notes and ratings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from tui.core.calendar import add_years
from tui.core.models import Check, Pause, RestDay, Session
from tui.core.routine import Routine
from tui.core.stats.zones import RATING_DIRECTION

#: Chance of practising on a given day, for each mood a month can have.
MOODS = (0.97, 0.9, 0.75, 0.5, 0.2)
FOCUS_ZONES = frozenset({"top", "crown", "temple_left", "temple_right"})
#: Zones left out first when a session is cut short (from the end of a pass).
OFTEN_SKIPPED = ("behind_ear_left", "behind_ear_right", "nape")
PASS_WEIGHTS = {1: 5, 2: 9, 3: 70, 4: 12, 5: 4}
TECHNIQUE_WEIGHTS = {"circles": 55, "press_lift": 22, "kneading": 17, "raking": 6}
REST_EVENTS = (  # (chance per day, shortest, longest, reason)
    (0.004, 2, 5, "ill"),
    (0.005, 3, 9, "travel"),
    (0.004, 1, 2, "scalp irritation"),
)
NOTES = (
    "used rosemary oil",
    "hands tired, went lighter on the back",
    "quick one before work",
    "tense day, took it slowly",
    "scalp felt tight at the crown",
    "did it while the kettle boiled",
    "forgot the ears again",
    "felt great afterwards",
)


@dataclass(frozen=True)
class Rating:
    """One 1-5 self-rating of a session (before or after)."""

    id: str
    session_id: str
    phase: str
    kind: str
    value: int
    at: datetime


@dataclass
class History:
    """Everything the demo writes: plain core objects, ready for the store."""

    sessions: list[Session] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    rest_days: list[RestDay] = field(default_factory=list)
    settings: dict[str, object] = field(default_factory=dict)


class _Generator:
    def __init__(self, routine: Routine, seed: int, zone: tzinfo) -> None:
        self.rng = random.Random(seed)
        self.routine = routine
        self.zone = zone
        self.zones = routine.zone_ids
        self.dwell = routine.defaults.dwell_seconds
        self.focus_multiplier = routine.defaults.focus_multiplier
        known = set(routine.zone_ids)
        self.focus = FOCUS_ZONES & known
        self.techniques = {t: w for t, w in TECHNIQUE_WEIGHTS.items() if t in {x.id for x in routine.techniques}}
        self.history = History(settings={"focus_zones": frozenset(self.focus)})

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def moment(self, day: date, minutes_after_midnight: float) -> datetime:
        """A local wall-clock time on ``day`` (past midnight when over 24 h), in UTC."""
        wall = datetime.combine(day, time(0)) + timedelta(minutes=minutes_after_midnight)
        return wall.replace(tzinfo=self.zone).astimezone(timezone.utc)

    def run(self, first: date, last: date) -> History:
        rng = self.rng
        mood = 2
        month = None
        rest_left, rest_reason = 0, ""
        missed_yesterday = False
        beginner_until = first + timedelta(days=75)
        day = first
        while day <= last:
            if (day.year, day.month) != month:
                month = (day.year, day.month)
                mood = self.next_mood(mood)
            if rest_left == 0:
                for chance, shortest, longest, reason in REST_EVENTS:
                    if rng.random() < chance:
                        rest_left, rest_reason = rng.randint(shortest, longest), reason
                        break
            if rest_left:
                rest_left -= 1
                self.history.rest_days.append(RestDay(self.new_id(), day, rest_reason))
                day += timedelta(days=1)
                continue
            chance = MOODS[mood]
            if day < beginner_until:
                chance = min(chance, 0.6 + 0.35 * (day - first).days / 75)
            if day.weekday() >= 5:
                chance -= 0.06
            if missed_yesterday:
                chance *= 0.8
            missed_yesterday = rng.random() >= chance
            if not missed_yesterday:
                self.session(day, years_in=(day - first).days / 365.25)
                if rng.random() < 0.02:
                    self.session(day, years_in=(day - first).days / 365.25, short=True)
            day += timedelta(days=1)
        return self.history

    def next_mood(self, mood: int) -> int:
        roll = self.rng.random()
        if roll < 0.5:
            return mood
        if roll < 0.9:
            # Drift towards the better moods: most months are decent.
            step = -1 if self.rng.random() < 0.6 else 1
            return min(len(MOODS) - 1, max(0, mood + step))
        return self.rng.randrange(len(MOODS))

    def start_minutes(self, short: bool) -> float:
        rng = self.rng
        if short:
            return rng.uniform(20 * 60, 22 * 60)
        roll = rng.random()
        if roll < 0.55:
            return rng.gauss(7 * 60 + 40, 35)  # morning
        if roll < 0.9:
            return rng.gauss(21 * 60 + 15, 50)  # evening
        return 24 * 60 + rng.uniform(10, 100)  # after midnight: still the evening's practice day

    def session(self, day: date, years_in: float, short: bool = False) -> None:
        rng, history = self.rng, self.history
        sid = self.new_id()
        technique = rng.choices(list(self.techniques), weights=list(self.techniques.values()))[0]
        passes = 1 if short else rng.choices(list(PASS_WEIGHTS), weights=list(PASS_WEIGHTS.values()))[0]
        plan = [(p, zone) for p in range(1, passes + 1) for zone in self.zones]
        if not short and rng.random() < 0.14:
            # Cut short during the last pass: the zones at its end are the ones left out.
            cut = rng.randint(1, len(OFTEN_SKIPPED) + 3)
            last_pass = [item for item in plan if item[0] == passes]
            plan = plan[: len(plan) - len(last_pass)] + last_pass[: len(last_pass) - cut]
        start = self.moment(day, self.start_minutes(short))
        if rng.random() < 0.04:
            self.backfilled(sid, day, technique, plan)
            return
        clock = start + timedelta(seconds=rng.uniform(50, 130))  # warm-up and prep steps
        pause_after = rng.randrange(len(plan)) if plan and rng.random() < 0.07 else -1
        pauses = []
        for index, (pass_no, zone) in enumerate(plan):
            dwell = self.dwell * (self.focus_multiplier if zone in self.focus else 1.0)
            clock += timedelta(seconds=dwell * rng.uniform(0.75, 1.3))
            history.checks.append(Check(self.new_id(), sid, day, pass_no, zone, clock, technique))
            if index == pause_after:
                resumed = clock + timedelta(seconds=rng.uniform(45, 420))
                pauses.append(Pause(self.new_id(), sid, clock, resumed))
                clock = resumed
        end = clock + timedelta(seconds=rng.uniform(30, 100))  # ears and neck to finish
        history.pauses.extend(pauses)
        note = rng.choice(NOTES) if rng.random() < 0.06 else ""
        history.sessions.append(
            Session(sid, day, start, end, end, technique, rng.random() < 0.3, note, "app", None, tuple(pauses))
        )
        if rng.random() < 0.35:
            self.rate(sid, start, end, years_in)

    def backfilled(self, sid: str, day: date, technique: str, plan: list[tuple[int, str]]) -> None:
        """A session typed in the next morning with `scalp log`: whole passes, minutes by hand."""
        rng = self.rng
        counts: dict[int, int] = {}
        for pass_no, _ in plan:
            counts[pass_no] = counts.get(pass_no, 0) + 1
        full = [p for p, n in counts.items() if n == len(self.zones)]
        logged = self.moment(day + timedelta(days=1), rng.uniform(8 * 60, 10 * 60))
        for pass_no in full:
            for zone in self.zones:
                self.history.checks.append(Check(self.new_id(), sid, day, pass_no, zone, logged, technique))
        minutes = float(rng.randint(5, 11))
        self.history.sessions.append(Session(sid, day, logged, logged, logged, technique, False, "", "log", minutes))

    def rate(self, sid: str, start: datetime, end: datetime, years_in: float) -> None:
        rng = self.rng
        # Each rating moves the way it improves (stats.RATING_DIRECTION): stress and headache ease
        # a little over the years and are usually lower after a session; scalp feel rises both ways.
        calmer = min(1.0, years_in / 4)
        for kind, low, high in (("stress", 2, 5), ("headache", 1, 4), ("scalp", 2, 5)):
            better = RATING_DIRECTION[kind]
            before = max(1, min(5, round(rng.uniform(low, high) + better * calmer)))
            after = max(1, min(5, before + better * rng.choice((0, 0, 1, 1, 2))))
            for phase, value, at in (("before", before, start), ("after", after, end)):
                self.history.ratings.append(Rating(self.new_id(), sid, phase, kind, value, at))


def generate(routine: Routine, *, end: date, years: int, seed: int, zone: tzinfo) -> History:
    """``years`` of history up to the day before ``end`` (today is left for the user to practise)."""
    if years < 1:
        raise ValueError("a demo history is at least one year long")
    first = add_years(end, -years)
    return _Generator(routine, seed, zone).run(first, end - timedelta(days=1))
