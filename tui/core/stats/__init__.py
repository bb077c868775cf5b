"""Statistics of the practice log as pure functions: depth, days due, consistency, streaks, strength, zones, trends.

Every figure reads each day with the target (and focus zones) in force on that day: pass a
``TargetTimeline`` where a ``Target`` would do, and a changed setting never rewrites the past.
"""

from tui.core.models import DaySummary
from tui.core.stats.days import (
    BONUS,
    FULL,
    HIGH,
    LOW,
    MISSED,
    ONE_DAY,
    WEEK,
    History,
    NeedHistory,
    Target,
    TargetTimeline,
    consistency,
    days_due,
    depth_level,
    due_from_weights,
    is_practised,
    is_rest,
    last_closed_day,
    minutes_level,
)
from tui.core.stats.review import (
    CHANGE_FIELDS,
    MonthFigures,
    MonthReview,
    compared_until,
    month_figures,
    month_review,
    review_days,
    review_window,
)
from tui.core.stats.streaks import (
    STRENGTH_EPSILON,
    Targets,
    current_streak,
    is_met,
    strength_on,
    strength_series,
    strength_start,
    strength_steps_needed,
    streak_on,
    streaks_in,
)
from tui.core.stats.zones import (
    NEGLECT_GAP,
    RATING_DIRECTION,
    Rating,
    RatingTrend,
    ZoneCoverage,
    focus_coverage,
    neglected_zones,
    overall_coverage,
    rating_trends,
    rest_coverage,
    zone_coverage,
)

__all__ = [name for name in dir() if not name.startswith("_")]
