"""The review panels' own share-out of a too-narrow width among their columns."""

from hypothesis import given
from hypothesis import strategies as st

from tui.ui.widgets.history.month_review import shrink_evenly


@given(st.lists(st.integers(0, 40), min_size=1, max_size=8).flatmap(
    lambda widths: st.tuples(st.just(widths), st.integers(0, sum(widths)))))
def test_shrinking_takes_exactly_the_excess_and_no_column_below_zero(case):
    widths, excess = case
    shrunk = shrink_evenly(widths, excess)
    assert sum(shrunk) == sum(widths) - excess
    assert all(0 <= after <= before for before, after in zip(widths, shrunk, strict=True))


def test_wide_columns_give_evenly_and_a_narrow_one_gives_what_it_has():
    assert shrink_evenly([10, 10, 10], 6) == [8, 8, 8]
    assert shrink_evenly([1, 10, 10], 9) == [0, 6, 6]
