"""The natural-support chart's geometry and the tenure wording."""

import datetime
from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import override

from bistand.placements.chart import LEFT, PAD, PLOT_W, level_y, shape_of, support_chart
from bistand.placements.templatetags.placements import tenure

START = datetime.date(2026, 1, 5)


def f(day: int, level: int, *, employee=True, employer=False):
    when = timezone.make_aware(datetime.datetime.combine(START + datetime.timedelta(days=day), datetime.time(12)))
    return SimpleNamespace(occurred_at=when, support_level=level, with_employee=employee, with_employer=employer)


def test_no_follow_ups_no_chart():
    assert support_chart([], start=START, until=START) is None


def test_level_one_is_at_the_top_and_six_at_the_bottom():
    assert level_y(1) < level_y(3) < level_y(6)


def test_points_are_placed_in_time_with_shapes_by_who_took_part():
    chart = support_chart(
        [f(0, 6), f(10, 4, employer=True), f(20, 2, employee=False, employer=True)],
        start=START,
        until=START + datetime.timedelta(days=20),
    )
    assert [p.level for p in chart.points] == [6, 4, 2]
    assert [p.shape for p in chart.points] == ["circle", "diamond", "square"]
    assert chart.points[0].x == LEFT + PAD
    assert chart.points[2].x == LEFT + PLOT_W - PAD
    assert chart.points[1].x == (chart.points[0].x + chart.points[2].x) / 2
    assert (chart.first, chart.last, chart.best) == (6, 2, 2)
    assert chart.x_ticks[0].label == "05.01.26"
    assert all(p.labelled for p in chart.points)


def test_crowded_points_keep_the_last_label():
    chart = support_chart([f(0, 5), f(1, 4), f(200, 3), f(201, 2)], start=START, until=START)
    assert [p.labelled for p in chart.points] == [True, False, False, True]


def test_shape_of():
    assert (shape_of(True, False), shape_of(False, True), shape_of(True, True)) == ("circle", "square", "diamond")


def test_tenure_in_days_weeks_months_and_years():
    with override("en"):
        assert [tenure(d) for d in (None, 1, 13, 20, 70, 400, 800)] == [
            "–",
            "1 day",
            "13 days",
            "2 weeks",
            "2 months",
            "13 months",
            "2 years, 2 months",
        ]
