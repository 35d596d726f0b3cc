import datetime

import pytest
from django.utils import timezone

from bistand.demo.clock import SimulatedClock

START = timezone.make_aware(datetime.datetime(2024, 3, 1, 9, 0))


def test_simulated_clock_stands_in_for_timezone_now_while_installed():
    real_now = timezone.now
    clock = SimulatedClock(START)

    with clock.installed():
        assert timezone.now() == START
        clock.set(START + datetime.timedelta(hours=2))
        assert timezone.localdate() == datetime.date(2024, 3, 1)
        assert timezone.now() == START + datetime.timedelta(hours=2)

    assert timezone.now is real_now


def test_simulated_clock_is_removed_when_the_work_fails():
    real_now = timezone.now

    with pytest.raises(ZeroDivisionError), SimulatedClock(START).installed():
        _ = 1 / 0

    assert timezone.now is real_now


def test_simulated_clock_refuses_to_go_back_or_to_lose_its_time_zone():
    clock = SimulatedClock(START)

    with pytest.raises(ValueError, match="cannot go back"):
        clock.set(START - datetime.timedelta(seconds=1))
    with pytest.raises(ValueError, match="aware"):
        clock.set(datetime.datetime(2024, 3, 2, 9, 0))
