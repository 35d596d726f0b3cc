"""The follow-along timing as dates (IPS fidelity item V12)."""

import datetime

from bistand.placements.enums import DueKind
from bistand.placements.schedule import Timing, first_checkpoints, initial_schedule, next_monthly

START = datetime.date(2026, 3, 16)


def days(n):
    return START + datetime.timedelta(days=n)


def test_first_checkpoints_follow_ips_timing():
    assert [(c.kind, c.number, c.opens_on, c.due_on) for c in first_checkpoints(START, Timing())] == [
        (DueKind.BEFORE_START, 1, days(-7), days(-1)),
        (DueKind.AFTER_START, 1, days(0), days(3)),
        (DueKind.WEEKLY, 1, days(1), days(7)),
        (DueKind.WEEKLY, 2, days(8), days(14)),
        (DueKind.WEEKLY, 3, days(15), days(21)),
        (DueKind.WEEKLY, 4, days(22), days(28)),
    ]


def test_first_checkpoints_follow_the_teams_timing():
    timing = Timing(before_start_days=0, after_start_days=2, weekly_weeks=2)
    assert [(c.kind, c.due_on) for c in first_checkpoints(START, timing)] == [
        (DueKind.AFTER_START, days(2)),
        (DueKind.WEEKLY, days(7)),
        (DueKind.WEEKLY, days(14)),
    ]


def test_initial_schedule_leaves_out_what_is_already_past():
    assert [c.kind for c in initial_schedule(START, Timing(), today=days(5))] == [DueKind.WEEKLY] * 4


def test_initial_schedule_recorded_long_after_the_start_is_one_monthly_contact():
    today = days(100)
    assert initial_schedule(START, Timing(), today=today) == [
        next_monthly(today, Timing(), number=1),
    ]
    assert next_monthly(today, Timing(), number=1).due_on == today + datetime.timedelta(days=30)
