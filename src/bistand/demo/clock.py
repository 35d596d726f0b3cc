"""A clock the demo loader sets, standing in for `django.utils.timezone.now` meanwhile.

The services stamp their records with the time they run (`auto_now_add`, the status
history, the change history) and refuse dates after today. To give the demo a believable
past – a participant accepted in March shows a status history from March – the loader
runs each step through the unchanged services with the clock set to when the step
happens. Django and Bistand both call `timezone.now()` through the module, so replacing
that one attribute is enough.

Only for the single-threaded `demo` command: while installed, the whole process sees the
simulated time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone


class SimulatedClock:
    def __init__(self, start: datetime.datetime) -> None:
        self._now = start
        self.set(start)

    def now(self) -> datetime.datetime:
        return self._now

    def set(self, at: datetime.datetime) -> None:
        """Moves the clock forward to `at` (never back: the history is replayed in order)."""
        if timezone.is_naive(at):
            raise ValueError("The simulated clock needs an aware datetime")
        if at < self._now:
            raise ValueError(f"The simulated clock cannot go back from {self._now} to {at}")
        self._now = at

    @contextmanager
    def installed(self) -> Iterator[SimulatedClock]:
        real_now = timezone.now
        timezone.now = self.now
        try:
            yield self
        finally:
            timezone.now = real_now
