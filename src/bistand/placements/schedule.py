"""The follow-along timing as plain dates: which checkpoints a placement gets, and when.

Pure functions over dates (no database), so the IPS rules can be read and tested alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .enums import (
    DEFAULT_AFTER_START_DAYS,
    DEFAULT_BEFORE_START_DAYS,
    DEFAULT_JOB_ENDED_CONTACT_DAYS,
    DEFAULT_MONTHLY_DAYS,
    DEFAULT_WEEKLY_WEEKS,
    DueKind,
)

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Timing:
    before_start_days: int = DEFAULT_BEFORE_START_DAYS
    after_start_days: int = DEFAULT_AFTER_START_DAYS
    weekly_weeks: int = DEFAULT_WEEKLY_WEEKS
    monthly_days: int = DEFAULT_MONTHLY_DAYS
    job_ended_contact_days: int = DEFAULT_JOB_ENDED_CONTACT_DAYS

    @classmethod
    def of(cls, policy) -> Timing:
        """The timing of a FollowAlongPolicy, or the IPS defaults for None."""
        if policy is None:
            return cls()
        return cls(
            before_start_days=policy.before_start_days,
            after_start_days=policy.after_start_days,
            weekly_weeks=policy.weekly_weeks,
            monthly_days=policy.monthly_days,
            job_ended_contact_days=policy.job_ended_contact_days,
        )


@dataclass(frozen=True)
class Checkpoint:
    kind: str
    number: int
    opens_on: datetime.date
    due_on: datetime.date


def first_checkpoints(start: datetime.date, timing: Timing) -> list[Checkpoint]:
    """The checkpoints around a start on `start` (IPS V12 with the default timing):

    - before the start: a contact in the week before it (due the day before);
    - after the start: a contact within 3 days (the start day counts);
    - weekly in the first month: one contact in each of the first 4 weeks after the start.

    After these, one monthly checkpoint at a time follows each follow-up (`next_monthly`).
    """
    out = []
    if timing.before_start_days:
        out.append(Checkpoint(DueKind.BEFORE_START, 1, start - timing.before_start_days * DAY, start - DAY))
    out.append(Checkpoint(DueKind.AFTER_START, 1, start, start + timing.after_start_days * DAY))
    for week in range(1, timing.weekly_weeks + 1):
        out.append(Checkpoint(DueKind.WEEKLY, week, start + (7 * (week - 1) + 1) * DAY, start + 7 * week * DAY))
    return out


def initial_schedule(start: datetime.date, timing: Timing, today: datetime.date) -> list[Checkpoint]:
    """The checkpoints a placement recorded `today` gets: those not already past (a placement
    recorded after its start does not fill the queue with what can no longer be done). When
    none is left, a monthly contact from today."""
    upcoming = [c for c in first_checkpoints(start, timing) if c.due_on >= today]
    return upcoming or [next_monthly(today, timing, number=1)]


def next_monthly(after: datetime.date, timing: Timing, *, number: int) -> Checkpoint:
    """The next monthly contact, counted from the follow-up on `after`."""
    return Checkpoint(DueKind.MONTHLY, number, after + DAY, after + timing.monthly_days * DAY)
