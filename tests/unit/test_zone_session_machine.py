"""Random check / undo / move sequences on the Zones working state, against a brute-force model and the log."""

from datetime import timezone

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from tests.conftest import FakeClock
from tests.zones_model import Model
from tui.store import Log
from tui.ui.state.zone_session import ZoneSession


class ZonesMachine(RuleBasedStateMachine):
    @initialize(passes=st.integers(1, 2))
    def open_log(self, passes):
        self.clock = FakeClock()
        self.store = Log.memory(clock=self.clock, zone=timezone.utc)
        self.store.save_settings(passes=passes)
        self.work = ZoneSession(self.store)
        self.zone_ids = self.store.routine.zone_ids
        self.model = Model(len(self.zone_ids), passes)

    def teardown(self):
        if hasattr(self, "store"):
            self.store.close()

    @rule()
    def check(self):
        self.clock.advance(5)
        self.work.check()
        self.model.check()

    @rule(times=st.integers(1, 3))
    def check_several(self, times):
        for _ in range(times):
            self.check()

    @rule()
    def undo(self):
        self.clock.advance(1)
        self.work.undo()
        self.model.undo()

    @rule(zones=st.integers(-3, 3), passes=st.integers(-1, 1))
    def move(self, zones, passes):
        self.work.checklist.move(zones=zones, passes=passes)
        self.model.move(zones, passes)

    @rule()
    def pause_elsewhere(self):
        """The Today screen pauses the session; the next check must resume it and still land."""
        session = self.store.active_session()
        if session is not None and session.running:
            self.store.pause_session(session.id)
            self.work.poll()

    @rule()
    def reload(self):
        """The screen is shown again: everything is re-read from the log."""
        self.work.load()
        self.model.cursor = self.model.next_to_do()

    @invariant()
    def log_matches_model(self):
        if not hasattr(self, "model"):
            return
        session = self.store.active_session()
        rows = self.store.checks_for_session(session.id) if session else []
        assert [(c.pass_no, self.zone_ids.index(c.zone)) for c in rows] == self.model.checks
        assert len(self.store.sessions_between(self.store.today(), self.store.today())) == (1 if session else 0)

    @invariant()
    def screen_state_matches_model(self):
        if not hasattr(self, "model"):
            return
        checklist = self.work.checklist
        assert checklist.cursor == self.model.cursor
        assert checklist.current_pass == self.model.current_pass()
        assert checklist.columns == self.model.columns()
        assert list(checklist.checks) == self.model.checks


ZonesMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
test_zones_machine = ZonesMachine.TestCase
